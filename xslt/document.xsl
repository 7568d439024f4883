<?xml version="1.0" encoding="UTF-8"?>
<!-- One HTML page per TEI document. Each concern lives in its own module. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:pub="urn:tei-encoder:publish"
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
  <xsl:import href="reading.xsl"/>

  <!-- Where the page finds the TEI file it was made from, relative to the page. -->
  <xsl:param name="tei-href" as="xs:string" select="''"/>
  <!-- After the document's title in the page's <title>: the edition's (empty for TEI that is not
       ours published without an edition title, tei_encoder/publish.py). -->
  <xsl:param name="title-suffix" as="xs:string" select="' — ' || $edition-title"/>

  <!-- "edition": one of the edition's own prose pages (about, introduction: tei_encoder/publish.py
       edition_pages) at the site's root, PAGE-HREF; "document": a document of the edition -->
  <xsl:param name="page-kind" as="xs:string" select="'document'"/>
  <xsl:param name="page-href" as="xs:string" select="''"/>

  <xsl:mode on-no-match="shallow-skip" use-accumulators="#all"/>

  <!-- The parameters of this stylesheet that depend on no document (layout.xsl's tables of element
       names), by name: tei_encoder/publish.py calls this template once per publisher (when the
       edition imports no module of its own) and passes each value to every page. -->
  <xsl:template name="f:document-constants" as="map(*)" visibility="public">
    <xsl:sequence select="map{'is-block-name': $is-block-name, 'is-phrase-name': $is-phrase-name,
                              'is-leaf-phrase-name': $is-leaf-phrase-name, 'common-leaves': $common-leaves}"/>
  </xsl:template>

  <xsl:template match="/tei:TEI | /tei:teiCorpus">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="f:dashes($title) || $title-suffix"/>
      <xsl:with-param name="page-class" select="'document-page'"/>
      <xsl:with-param name="json-ld" select="f:json-ld(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One of the edition's own pages: its title and text (notes too), with the site's chrome. -->
  <xsl:template match="/tei:TEI[$page-kind = 'edition'] | /tei:teiCorpus[$page-kind = 'edition']" priority="2">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="f:dashes($title) || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'edition-page'"/>
      <xsl:with-param name="current" select="$page-href"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="/tei:TEI[$page-kind = 'edition'] | /tei:teiCorpus[$page-kind = 'edition']" mode="content" priority="2">
    <article class="document edition-prose">
      <header class="doc-header"><h1 dir="auto"><xsl:value-of select="f:dashes($title)"/></h1></header>
      <div class="doc-text" data-tei-region="text">
        <!-- the text without the document page's "Text" heading: the page's title heads it -->
        <xsl:for-each select="self::tei:teiCorpus | tei:text[normalize-space() or .//tei:pb or .//tei:gap]">
          <div class="text">
            <xsl:call-template name="text-lang"/>
            <xsl:choose>
              <xsl:when test="self::tei:teiCorpus"><xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="member"/></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="f:content(.)"/></xsl:otherwise>
            </xsl:choose>
          </div>
        </xsl:for-each>
        <xsl:call-template name="footnotes"/>
      </div>
    </article>
  </xsl:template>

  <!-- On a wide screen the text has the left column and the information the right one; on a
       phone the essentials (archive, reference, source) come before the text, the rest after
       it. The article is what the full-text search indexes (data-pagefind-body). -->
  <xsl:template match="/tei:TEI | /tei:teiCorpus" mode="content">
        <article class="document" data-pagefind-body="">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:call-template name="hook-document-top"/>
          <xsl:call-template name="doc-header"/>
          <div class="doc-columns">
            <!-- Labels and values of the source box are not the document's text: left out of the
                 search index (they would run together there, "ArchivePolitisches Archiv"). -->
            <!-- no box (no empty landmark) when the header has nothing of it to show -->
            <xsl:variable name="essentials"><xsl:call-template name="metadata-essentials"/></xsl:variable>
            <xsl:if test="$essentials/node()">
              <aside class="doc-essentials" aria-label="{f:ui('doc-essentials')}" data-pagefind-ignore="">
                <xsl:sequence select="$essentials"/>
              </aside>
            </xsl:if>
            <div class="doc-main">
              <xsl:call-template name="summary"/>
              <xsl:call-template name="highlight-toggle"/>
              <xsl:call-template name="manuscripts"><xsl:with-param name="header" select="tei:teiHeader"/></xsl:call-template>
              <!-- The region that renders the TEI text (its notes too): the words of the text are
                   looked for here alone (tei_encoder/publish.py missing_text), so words elsewhere on
                   the page (title, summary, citation) never hide text a stylesheet drops. An edition
                   that replaces this template keeps the data-tei-region="text" mark. -->
              <div class="doc-text" data-tei-region="text">
                <xsl:apply-templates select="self::tei:teiCorpus" mode="texts"/>
                <xsl:apply-templates select="tei:text"/>
                <xsl:call-template name="deleted-words">
                  <xsl:with-param name="text" select="tei:text | self::tei:teiCorpus//tei:text[not(ancestor::tei:text)]"/>
                </xsl:call-template>
                <xsl:call-template name="readings"/>
                <xsl:call-template name="footnotes"/>
              </div>
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

  <!-- Not TEI P5 (a TEI P4 file, another vocabulary): its text on a page, nothing dropped
       (tei_encoder/publish.py warns that it is not TEI P5). -->
  <xsl:template match="/*[not(self::tei:TEI or self::tei:teiCorpus)]">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="($title[.], local-name())[1] || $title-suffix"/>
      <xsl:with-param name="page-class" select="'document-page'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="/*[not(self::tei:TEI or self::tei:teiCorpus)]" mode="content">
    <article class="document" data-pagefind-body="">
      <h1><xsl:value-of select="($title[.], local-name())[1]"/></h1>
      <section class="text" aria-labelledby="text-heading" data-tei-region="text">
        <h2 id="text-heading"><xsl:value-of select="f:ui('text-heading')"/></h2>
        <div class="foreign-markup"><xsl:apply-templates/></div>
      </section>
    </article>
  </xsl:template>

  <!-- Works without JavaScript: checkboxes and CSS :has() switch the highlighting. A box only for
       each kind the document has mentions of (the kind leads pub:link; tei_encoder/sitemap.py
       annotate lists them on the root, pub:kinds, so no attribute of the page is searched), in
       the registers' order; no box at all where it has none. -->
  <xsl:template name="highlight-toggle">
    <xsl:variable name="present" select="tokenize(/*/@pub:kinds)"/>
    <xsl:variable name="kinds" select="$registers ! ?kind[. = $present]"/>
    <xsl:if test="exists($kinds)">
    <fieldset class="highlight" data-pagefind-ignore="">
      <legend><xsl:value-of select="f:ui('highlight')"/></legend>
      <xsl:for-each select="$kinds">
        <label><input type="checkbox" id="hl-{.}" class="hl-toggle" value="{.}"/><xsl:text> </xsl:text><xsl:value-of select="$register-label(.)"/></label>
      </xsl:for-each>
    </fieldset>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
