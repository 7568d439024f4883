<?xml version="1.0" encoding="UTF-8"?>
<!-- Reading aids of a document page: typewriter dashes set as dashes (in the page only; the TEI
     keeps its text), and the key of editorial signs, listing only the signs this document uses.
     Imported after the other document modules, so its rules win over theirs. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    exclude-result-prefixes="#all">

  <!-- text of the abstract and the text proper: attribute values and the header stay as they are -->
  <!-- A dash between two names is often a text node of its own ("Cuba", a double hyphen, "US" as three
       nodes): the neighbouring words decide the dash, then only this node's part is kept. -->
  <!-- Code-like text (code, identifiers, addresses, examples) keeps its double hyphens as written. -->
  <xsl:template match="text()[contains(., '--')][ancestor::tei:text or ancestor::tei:abstract][not(f:verbatim(.))]">
    <xsl:value-of select="f:dashes(string(preceding-sibling::node()[1]), string(.), string(following-sibling::node()[1]))"/>
  </xsl:template>

  <!-- One row per sign the page uses, in the text or in the summary: (test, sign, explanation key). -->
  <xsl:template name="editorial-key">
    <xsl:variable name="text" select="/tei:TEI/tei:text | /tei:teiCorpus//tei:text | /*/tei:teiHeader/tei:profileDesc/tei:abstract"/>
    <xsl:variable name="rows" as="element()*">
      <xsl:if test="$text//tei:sic[not(parent::tei:choice)]"><row key="key-sic"><span class="ed">[sic]</span></row></xsl:if>
      <xsl:if test="$text//tei:choice[tei:sic and tei:corr]"><row key="key-corrected"><span class="corrected"><xsl:value-of select="f:ui('key-sample-word')"/></span></row></xsl:if>
      <xsl:if test="$text//tei:supplied"><row key="key-supplied"><span class="ed"><xsl:value-of select="f:ui('key-sample-supplied')"/></span></row></xsl:if>
      <xsl:if test="$text//tei:gap"><row key="{if (every $g in $text//tei:gap satisfies $g/@reason = 'omitted') then 'key-gap' else 'key-gap-untranscribed'}"><span class="ed">[&#x2026;]</span></row></xsl:if>
      <xsl:if test="$text//tei:pb"><row key="key-pb"><span class="pb"><xsl:value-of select="f:ui('page-marker', map{'n': '2'})"/></span></row></xsl:if>
      <xsl:if test="$text//tei:foreign"><row key="key-foreign"><i class="foreign"><xsl:value-of select="f:ui('key-sample-foreign')"/></i></row></xsl:if>
      <xsl:if test="$text//tei:note"><row key="key-note"><sup class="fn-ref">1</sup></row></xsl:if>
      <xsl:if test="/*/@pub:readings and $text//(tei:choice | tei:app)[f:listed(.)]"><row key="key-reading"><sup class="rdg-ref">a</sup></row></xsl:if>
      <xsl:variable name="changes" select="$text//(tei:del | tei:delSpan | tei:add | tei:addSpan)"/>
      <xsl:if test="$changes[self::tei:del or self::tei:delSpan]"><row key="key-deleted"><del class="tei-del"><xsl:value-of select="f:ui('key-sample-word')"/></del></row></xsl:if>
      <xsl:if test="$changes[self::tei:add or self::tei:addSpan]"><row key="key-added"><ins class="tei-add"><xsl:value-of select="f:ui('key-sample-word')"/></ins></row></xsl:if>
      <!-- each editorial sign the text uses (notes.xsl f:sign), in the order of the list of signs;
           a damageSpan's text is shown as damage -->
      <xsl:variable name="signs" select="distinct-values(($text//*[f:sign(.)] ! f:sign(.), $text//tei:damageSpan ! 'damage'))"/>
      <xsl:for-each select="($signed-elements, $signed-alone)[. = $signs]">
        <row key="key-sign-{.}"><span class="ed-sign ed-{.}">
          <xsl:if test="f:ui('sign-' || . || '-open')"><xsl:attribute name="data-open" select="f:ui('sign-' || . || '-open')"/></xsl:if>
          <xsl:if test="f:ui('sign-' || . || '-close')"><xsl:attribute name="data-close" select="f:ui('sign-' || . || '-close')"/></xsl:if>
          <xsl:if test="not(. = ('handShift', 'space'))"><xsl:value-of select="f:ui('key-sample-word')"/></xsl:if>
        </span></row>
      </xsl:for-each>
      <xsl:if test="$text//tei:lb[@break = 'no']"><row key="key-line-break-in-word"><span class="lb-sign"><xsl:value-of select="f:ui('line-break-sign')"/></span></row></xsl:if>
    </xsl:variable>
    <xsl:if test="exists($rows)">
      <section class="key" aria-labelledby="key-heading">
        <h2 id="key-heading"><xsl:value-of select="f:ui('key-heading')"/></h2>
        <dl>
          <xsl:for-each select="$rows">
            <dt><xsl:copy-of select="node()" copy-namespaces="no"/></dt>
            <dd><xsl:value-of select="f:ui(@key)"/></dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
