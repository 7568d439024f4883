<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell: head, skip link, site navigation, footer. Every page calls f:page with the
     context item it is about; the page's own stylesheet fills <main> in mode "content". -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:template name="f:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="page-class" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="json-ld" as="xs:string?" select="()"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <xsl:if test="$json-ld">
          <script type="application/ld+json"><xsl:value-of select="$json-ld"/></script>
        </xsl:if>
      </head>
      <body class="{$page-class}">
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
          <nav aria-label="Edition">
            <ul>
              <xsl:for-each select="(['index.html', 'Documents'], $registers ! [?page, ?label])">
                <li>
                  <a href="{$root}{?1}">
                    <xsl:if test="?1 = $current"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                    <xsl:value-of select="?2"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="main">
          <!-- each page stylesheet writes its content in mode "content", straight into the page -->
          <xsl:apply-templates select="." mode="content"/>
        </main>
        <footer class="site-footer">
          <p>Encoded in TEI P5 and published with tei-encoder. Texts and translations belong to their publishers; see each document's source.</p>
        </footer>
        <script src="{$root}assets/edition.js" defer="defer"></script>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
