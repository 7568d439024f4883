<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell: head, skip link, site header and navigation, footer. Every page calls f:page
     with the context item it is about; the page's own stylesheet fills <main> in mode "content".

     An edition changes the shell without forking it (modelled on the TEI Stylesheets' params and
     hooks): the publish and build option "xslt DIR" imports DIR/*.xsl after the shipped modules, so a template there
     with the same name or match wins. The hooks are empty named templates for that purpose; each
     is called with the page's input as context item:
       hook-head              inside <head>, after the edition's stylesheets
       hook-header            inside the site header, before the edition title
       hook-footer            inside the site footer, after the shipped text
       hook-document-top      on a document page, before the document's header
       hook-document-bottom   on a document page, after the notes
     The larger pieces (site-header, site-footer, and any page's mode="content") can be replaced
     whole the same way. Parameters: $root, $edition-title, $custom-css, $search-page,
     $edition-pages (the edition's own pages, listed in the navigation). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="ui.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- "yes" when the site has the edition's own stylesheet, assets/custom.css (the "css FILE" option) -->
  <xsl:param name="custom-css" as="xs:string" select="''"/>
  <!-- "yes" when the site has a full-text search page (search.html) -->
  <xsl:param name="search-page" as="xs:string" select="''"/>
  <!-- the edition's own pages (about, introduction …: the pages/ folder of its "xslt DIR"), each
       [href, label], in the navigation after the registers (tei_encoder/publish.py edition_pages) -->
  <xsl:param name="edition-pages" as="array(*)" select="[]"/>

  <xsl:template name="hook-head"/>
  <xsl:template name="hook-header"/>
  <xsl:template name="hook-footer"/>
  <xsl:template name="hook-document-top"/>
  <xsl:template name="hook-document-bottom"/>

  <xsl:template name="f:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="page-class" as="xs:string"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="json-ld" as="xs:string?" select="()"/>
    <!-- a page's own stylesheets and scripts, relative to the site root (the search page's) -->
    <xsl:param name="styles" as="xs:string*" select="()"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <html lang="{f:ui('lang')}">
      <!-- right to left when the site's words are in such a language (tei_encoder/publish.py
           finds it from lang and tei_encoder/data/site.json) -->
      <xsl:if test="f:ui('dir') = 'rtl'"><xsl:attribute name="dir">rtl</xsl:attribute></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="icon" href="{$root}assets/favicon.svg" type="image/svg+xml"/>
        <xsl:for-each select="$styles"><link rel="stylesheet" href="{$root}{.}"/></xsl:for-each>
        <link rel="stylesheet" href="{$root}assets/edition.css"/>
        <xsl:if test="$custom-css = 'yes'">
          <link rel="stylesheet" href="{$root}assets/custom.css"/>
        </xsl:if>
        <xsl:if test="$json-ld">
          <script type="application/ld+json"><xsl:value-of select="$json-ld"/></script>
        </xsl:if>
        <xsl:call-template name="hook-head"/>
      </head>
      <body class="{$page-class}">
        <a class="skip-link" href="#main"><xsl:value-of select="f:ui('skip-link')"/></a>
        <xsl:call-template name="site-header"><xsl:with-param name="current" select="$current"/></xsl:call-template>
        <main id="main">
          <!-- each page stylesheet writes its content in mode "content", straight into the page -->
          <xsl:apply-templates select="." mode="content"/>
        </main>
        <xsl:call-template name="site-footer"/>
        <xsl:for-each select="$scripts"><script src="{$root}{.}"></script></xsl:for-each>
        <script src="{$root}assets/edition.js" defer="defer"></script>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="site-header">
    <xsl:param name="current" as="xs:string" select="''"/>
    <header class="site-header">
      <xsl:call-template name="hook-header"/>
      <p class="site-title"><a href="{$root}index.html"><xsl:value-of select="$edition-title"/></a></p>
      <nav aria-label="{f:ui('nav-label')}">
        <ul>
          <!-- the registers are the site map's (tei_encoder/sitemap.py), their labels UI strings -->
          <xsl:for-each select="(['index.html', f:ui('nav-documents')], $registers ! [?page, $register-label(?kind)], $edition-pages?*, ['search.html', f:ui('nav-search')][$search-page = 'yes'])">
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
  </xsl:template>

  <xsl:template name="site-footer">
    <footer class="site-footer">
      <p><xsl:value-of select="f:ui('footer')"/></p>
      <xsl:call-template name="hook-footer"/>
    </footer>
  </xsl:template>
</xsl:stylesheet>
