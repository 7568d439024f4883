<?xml version="1.0" encoding="UTF-8"?>
<!-- One HTML page per TEI document. Each concern lives in its own module. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="shell.xsl"/>
  <xsl:import href="metadata.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="entities.xsl"/>
  <xsl:import href="notes.xsl"/>
  <xsl:import href="reading.xsl"/>

  <!-- Where the page finds the TEI file it was made from, relative to the page. -->
  <xsl:param name="tei-href" as="xs:string" select="''"/>

  <xsl:mode on-no-match="shallow-skip" use-accumulators="#all"/>

  <xsl:template match="/tei:TEI">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="f:dashes($title) || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'document-page'"/>
      <xsl:with-param name="json-ld" select="f:json-ld(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- On a wide screen the text has the left column and the information the right one; on a
       phone the essentials (date, archive, reference, source) come before the text, the rest
       after it. The article is what the full-text search indexes (data-pagefind-body). -->
  <xsl:template match="/tei:TEI" mode="content">
        <article class="document" id="{@xml:id}" data-pagefind-body="">
          <xsl:call-template name="hook-document-top"/>
          <xsl:call-template name="doc-header"/>
          <div class="doc-columns">
            <aside class="doc-essentials" aria-label="{f:ui('doc-essentials')}">
              <xsl:call-template name="metadata-essentials"/>
            </aside>
            <div class="doc-main">
              <xsl:call-template name="summary"/>
              <xsl:call-template name="highlight-toggle"/>
              <xsl:apply-templates select="tei:text"/>
              <xsl:call-template name="footnotes"/>
            </div>
            <aside class="doc-side" aria-label="{f:ui('doc-info')}" data-pagefind-ignore="">
              <xsl:call-template name="metadata-panel"/>
              <xsl:call-template name="cite-box"><xsl:with-param name="tei-href" select="$tei-href"/></xsl:call-template>
              <xsl:call-template name="editorial-key"/>
            </aside>
          </div>
          <xsl:call-template name="hook-document-bottom"/>
        </article>
  </xsl:template>

  <!-- Works without JavaScript: checkboxes and CSS :has() switch the highlighting. -->
  <xsl:template name="highlight-toggle">
    <fieldset class="highlight" data-pagefind-ignore="">
      <legend><xsl:value-of select="f:ui('highlight')"/></legend>
      <xsl:for-each select="('person', 'place', 'org')">
        <label><input type="checkbox" id="hl-{.}" class="hl-toggle" value="{.}"/><xsl:text> </xsl:text><xsl:value-of select="f:ui('nav-' || $register-dir(.))"/></label>
      </xsl:for-each>
    </fieldset>
  </xsl:template>
</xsl:stylesheet>
