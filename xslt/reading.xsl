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

  <!-- Whether the page prints E where it stands: E is in no alternative of a choice, and in no
       reading of an apparatus entry (lem, rdg, rdgGrp), that the page does not print (pub:printed,
       tei_encoder/sitemap.py; xslt/alternatives.xsl names those in words only). -->
  <xsl:function name="f:printed" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="empty($e/ancestor-or-self::*[parent::tei:choice or (self::tei:lem or self::tei:rdg or self::tei:rdgGrp)
                                                      and (parent::tei:app or parent::tei:rdgGrp)][not(@pub:printed)])"/>
  </xsl:function>

  <!-- One row per sign the page uses, in the text or in the summary: its explanation's key (a UI
       string) and its sample sign. The keys are strings, not elements made for each row (a tree
       of its own each, which cost Saxon more than the tests). -->
  <xsl:template name="editorial-key">
    <xsl:variable name="text" select="/tei:TEI/tei:text | /tei:teiCorpus//tei:text | /*/tei:teiHeader/tei:profileDesc/tei:abstract"/>
    <!-- the names of the TEI elements in it, found in one walk: each test below looks into the
         text again only for a name it has (most documents have few of them), never once per test -->
    <xsl:variable name="names" as="xs:string*" select="distinct-values($text//tei:* ! local-name())"/>
    <xsl:variable name="changes" select="if ($names = ('del', 'delSpan', 'add', 'addSpan'))
        then $text//(tei:del | tei:delSpan | tei:add | tei:addSpan)[f:printed(.)] else ()"/>
    <!-- each editorial sign the text shows (notes.xsl f:sign), in the order of the list of signs;
         a damageSpan's text is shown as damage; a sign inside a reading the page does not print
         (an ex in an expansion the page names only in the list of readings, in words) is not shown -->
    <xsl:variable name="signed-names" as="xs:string*" select="$names[. = ($signed-elements, $signed-alone)]"/>
    <xsl:variable name="signs" as="xs:string*" select="distinct-values((
        (if (exists($signed-names)) then $text//tei:*[local-name() = $signed-names][f:sign(.)][f:printed(.)] ! f:sign(.) else ()),
        'damage'[$names = 'damageSpan'][$text//tei:damageSpan[f:printed(.)]]))"/>
    <!-- (the tests below stand in predicates of strings: the document is reached from variables) -->
    <xsl:variable name="readings" select="exists(/*/@pub:readings)"/>
    <xsl:variable name="keys" as="xs:string*" select="(
        'key-sic'[$names = 'sic'][$text//tei:sic[not(parent::tei:choice)][f:printed(.)]],
        'key-corrected'[$names = 'choice'][$text//tei:choice[tei:sic and tei:corr][f:printed(.)]],
        'key-supplied'[$names = 'supplied'][$text//tei:supplied[f:printed(.)]],
        (if (every $g in $text//tei:gap satisfies $g/@reason = 'omitted') then 'key-gap' else 'key-gap-untranscribed')[$names = 'gap'],
        'key-pb'[$names = 'pb'][$text//tei:pb[f:printed(.)]],
        'key-foreign'[$names = 'foreign'][$text//tei:foreign[f:printed(.)]],
        'key-note'[$names = 'note'][$text//tei:note[f:footnote(.)]],
        'key-reading'[$readings and $names = ('choice', 'app')][$text//(tei:choice | tei:app)[f:listed(.)]],
        'key-deleted'[$changes[self::tei:del or self::tei:delSpan]],
        'key-added'[$changes[self::tei:add or self::tei:addSpan]],
        ($signed-elements, $signed-alone)[. = $signs] ! ('key-sign-' || .),
        'key-line-break-in-word'[$names = 'lb'][$text//tei:lb[@break = 'no'][f:printed(.)]])"/>
    <xsl:if test="exists($keys)">
      <section class="key" aria-labelledby="key-heading">
        <h2 id="key-heading"><xsl:value-of select="f:ui('key-heading')"/></h2>
        <dl>
          <xsl:for-each select="$keys">
            <dt>
              <xsl:choose>
                <xsl:when test="starts-with(., 'key-sign-')">
                  <xsl:variable name="sign" select="substring-after(., 'key-sign-')"/>
                  <span class="ed-sign ed-{$sign}">
                    <xsl:if test="f:ui('sign-' || $sign || '-open')"><xsl:attribute name="data-open" select="f:ui('sign-' || $sign || '-open')"/></xsl:if>
                    <xsl:if test="f:ui('sign-' || $sign || '-close')"><xsl:attribute name="data-close" select="f:ui('sign-' || $sign || '-close')"/></xsl:if>
                    <xsl:if test="not($sign = ('handShift', 'space'))"><xsl:value-of select="f:ui('key-sample-word')"/></xsl:if>
                  </span>
                </xsl:when>
                <xsl:when test=". = 'key-sic'"><span class="ed"><xsl:value-of select="f:ui('sic-mark')"/></span></xsl:when>
                <xsl:when test=". = 'key-corrected'"><span class="corrected"><xsl:value-of select="f:ui('key-sample-word')"/></span></xsl:when>
                <xsl:when test=". = 'key-supplied'"><span class="ed"><xsl:value-of select="f:ui('key-sample-supplied')"/></span></xsl:when>
                <xsl:when test="starts-with(., 'key-gap')"><span class="ed">[&#x2026;]</span></xsl:when>
                <xsl:when test=". = 'key-pb'"><span class="pb"><xsl:value-of select="f:ui('page-marker', map{'n': '2'})"/></span></xsl:when>
                <xsl:when test=". = 'key-foreign'"><i class="foreign"><xsl:value-of select="f:ui('key-sample-foreign')"/></i></xsl:when>
                <xsl:when test=". = 'key-note'"><sup class="fn-ref">1</sup></xsl:when>
                <xsl:when test=". = 'key-reading'"><sup class="rdg-ref">a</sup></xsl:when>
                <xsl:when test=". = 'key-deleted'"><del class="tei-del"><xsl:value-of select="f:ui('key-sample-word')"/></del></xsl:when>
                <xsl:when test=". = 'key-added'"><ins class="tei-add"><xsl:value-of select="f:ui('key-sample-word')"/></ins></xsl:when>
                <xsl:otherwise><span class="lb-sign"><xsl:value-of select="f:ui('line-break-sign')"/></span></xsl:otherwise>
              </xsl:choose>
              <!-- the row's name in words, for readers of the sample (hidden on screen): no two rows
                   are named alike ("word" struck through and "word" added read the same) -->
              <xsl:variable name="term-key" select="'key-term-' || substring-after(., 'key-')"/>
              <xsl:variable name="term" select="f:ui($term-key)"/>
              <xsl:if test="$term != $term-key"><span class="visually-hidden"><xsl:value-of select="' ' || $term"/></span></xsl:if>
            </dt>
            <dd><xsl:value-of select="f:ui(.)"/></dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
