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

  <!-- Whether TEXT (elements) holds a TEI element named NAME whose parent is no choice. -->
  <xsl:function name="f:outside-choice" as="xs:boolean">
    <xsl:param name="text" as="element()*"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="exists($text//tei:*[local-name() = $name][not(parent::tei:choice)])"/>
  </xsl:function>

  <!-- One row per sign the page uses, in the text or in the summary: its explanation's key (a UI
       string) and its sample sign. The keys are strings, not elements made for each row (a tree
       of its own each, which cost Saxon more than the tests). -->
  <xsl:template name="editorial-key">
    <xsl:variable name="text" select="/tei:TEI/tei:text | /tei:teiCorpus//tei:text | /*/tei:teiHeader/tei:profileDesc/tei:abstract"/>
    <!-- the names of the TEI elements in it, found in one walk: each test below looks into the
         text again only for a name it has (most documents have few of them), never once per test -->
    <xsl:variable name="names" as="xs:string*" select="distinct-values($text//tei:* ! local-name())"/>
    <!-- each editorial sign the text uses (notes.xsl f:sign: the signed elements, those signed
         standing alone when one is outside a choice); a damageSpan's text is shown as damage -->
    <xsl:variable name="signs" as="xs:string*" select="($names[. = $signed-elements],
        $names[. = $signed-alone][f:outside-choice($text, .)], 'damage'[$names = 'damageSpan'])"/>
    <!-- (the tests below stand in predicates of strings: the document is reached from variables) -->
    <xsl:variable name="readings" select="exists(/*/@pub:readings)"/>
    <xsl:variable name="keys" as="xs:string*" select="(
        'key-sic'[$names = 'sic'][f:outside-choice($text, 'sic')],
        'key-corrected'[$names = 'choice'][$text//tei:choice[tei:sic and tei:corr]],
        'key-supplied'[$names = 'supplied'],
        (if (every $g in $text//tei:gap satisfies $g/@reason = 'omitted') then 'key-gap' else 'key-gap-untranscribed')[$names = 'gap'],
        'key-pb'[$names = 'pb'],
        'key-foreign'[$names = 'foreign'],
        'key-note'[$names = 'note'][$text//tei:note[f:footnote(.)]],
        'key-reading'[$readings and $names = ('choice', 'app')][$text//(tei:choice | tei:app)[f:listed(.)]],
        'key-deleted'[$names = ('del', 'delSpan')],
        'key-added'[$names = ('add', 'addSpan')],
        ($signed-elements, $signed-alone)[. = $signs] ! ('key-sign-' || .),
        'key-line-break-in-word'[$names = 'lb'][$text//tei:lb[@break = 'no']])"/>
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
            </dt>
            <dd><xsl:value-of select="f:ui(.)"/></dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
