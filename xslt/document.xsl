<?xml version="1.0" encoding="UTF-8"?>
<!-- One HTML page per TEI document. Each concern lives in its own module. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="layout.xsl"/>
  <xsl:import href="shell.xsl"/>
  <xsl:import href="metadata.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="tables.xsl"/>
  <xsl:import href="msdesc.xsl"/>
  <xsl:import href="alternatives.xsl"/>
  <xsl:import href="entities.xsl"/>
  <xsl:import href="notes.xsl"/>

  <!-- Where the page finds the TEI file it was made from, relative to the page. -->
  <xsl:param name="tei-href" as="xs:string" select="''"/>

  <xsl:mode on-no-match="shallow-skip" use-accumulators="#all"/>

  <xsl:template match="/tei:TEI | /tei:teiCorpus">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="$title || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'document-page'"/>
      <xsl:with-param name="json-ld" select="f:json-ld(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/tei:TEI | /tei:teiCorpus" mode="content">
        <article class="document">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:call-template name="doc-header"/>
          <div class="doc-columns">
            <div class="doc-main">
              <xsl:call-template name="summary"/>
              <xsl:call-template name="highlight-toggle"/>
              <xsl:call-template name="manuscripts"><xsl:with-param name="header" select="tei:teiHeader"/></xsl:call-template>
              <xsl:apply-templates select="self::tei:teiCorpus" mode="texts"/>
              <xsl:apply-templates select="tei:text"/>
              <xsl:call-template name="footnotes"/>
            </div>
            <aside class="doc-side" aria-label="Document information">
              <xsl:call-template name="metadata-panel"/>
              <xsl:call-template name="cite-box"><xsl:with-param name="tei-href" select="$tei-href"/></xsl:call-template>
              <xsl:call-template name="editorial-key"/>
            </aside>
          </div>
        </article>
  </xsl:template>

  <!-- Not TEI P5 (a TEI P4 file, another vocabulary): its text on a page, nothing dropped
       (tei_encoder/publish.py warns that it is not TEI P5). -->
  <xsl:template match="/*[not(self::tei:TEI or self::tei:teiCorpus)]">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="($title[.], local-name())[1] || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'document-page'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="/*[not(self::tei:TEI or self::tei:teiCorpus)]" mode="content">
    <article class="document">
      <h1><xsl:value-of select="($title[.], local-name())[1]"/></h1>
      <section class="text" aria-labelledby="text-heading">
        <h2 id="text-heading">Text</h2>
        <div class="foreign-markup"><xsl:apply-templates/></div>
      </section>
    </article>
  </xsl:template>

  <!-- Works without JavaScript: checkboxes and CSS :has() switch the highlighting. -->
  <xsl:template name="highlight-toggle">
    <fieldset class="highlight">
      <legend>Highlight</legend>
      <xsl:for-each select="$registers ! ?kind">
        <label><input type="checkbox" id="hl-{.}" class="hl-toggle" value="{.}"/><xsl:text> </xsl:text><xsl:value-of select="$register-label(.)"/></label>
      </xsl:for-each>
    </fieldset>
  </xsl:template>
</xsl:stylesheet>
