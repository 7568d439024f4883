<?xml version="1.0" encoding="UTF-8"?>
<!-- Manuscript descriptions (TEI P5 chapter 10) of the header: shown in full when they say more
     than the "About this document" panel does (archive, collection, reference, folios). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    exclude-result-prefixes="#all">

  <xsl:template name="manuscripts">
    <xsl:param name="header" as="element(tei:teiHeader)?"/>
    <xsl:variable name="described" select="$header//tei:msDesc[
        .//text()[normalize-space()][not(ancestor::tei:msIdentifier or ancestor::tei:locus or ancestor::tei:textLang
                                         or ancestor::tei:title[parent::tei:msItem])]]"/>
    <xsl:if test="$described">
      <section class="manuscripts" aria-labelledby="ms-heading" data-tei-region="msDesc">
        <h2 id="ms-heading"><xsl:value-of select="f:ui('ms-heading')"/></h2>
        <xsl:apply-templates select="$described"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:msDesc">
    <div class="tei-msDesc">
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="f:content(.)"/>
    </div>
  </xsl:template>

  <!-- A field of a manuscript description (TEI P5 10.6-10.8) that stands in a structure (its parent
       has no words of its own: not "written in <origPlace>Cairo</origPlace>"): labelled as the
       header panel labels its fields, by the UI string ms-field-NAME, inside the element the page
       makes of it otherwise (next-match). -->
  <xsl:template match="tei:msDesc//tei:locus[parent::tei:msItem or parent::tei:msItemStruct or parent::tei:msContents]
                       | tei:msDesc//tei:title[parent::tei:msItem or parent::tei:msItemStruct]
                       | tei:msDesc//tei:author[parent::tei:msItem or parent::tei:msItemStruct]
                       | tei:msDesc//tei:textLang | tei:msDesc//tei:extent | tei:msDesc//tei:support
                       | tei:msDesc//tei:scriptDesc | tei:msDesc//tei:handDesc
                       | tei:msDesc//tei:origPlace | tei:msDesc//tei:origDate" priority="2">
    <xsl:variable name="shown" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:choose>
      <xsl:when test="../text()[matches(., '\p{L}')]"><xsl:sequence select="$shown"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="label" select="f:ui('ms-field-' || local-name())"/>
        <xsl:for-each select="$shown">
          <xsl:choose>
            <xsl:when test="self::element() and not(preceding-sibling::*)">
              <xsl:copy>
                <xsl:sequence select="@*"/>
                <span class="ms-field"><xsl:value-of select="$label"/></span>
                <xsl:value-of select="f:ui('ms-field-separator')"/>
                <xsl:sequence select="node()"/>
              </xsl:copy>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A textLang that gives its languages by code alone: their names (pub:language, in the site's
       language: tei_encoder/sitemap.py mark_text_languages). -->
  <xsl:template match="tei:textLang[@pub:language]" priority="1">
    <span class="tei-textLang"><xsl:value-of select="@pub:language"/></span>
  </xsl:template>

  <!-- The shelfmark line: its parts in order, separated by commas. -->
  <xsl:template match="tei:msIdentifier">
    <xsl:element name="{f:html-name(., 'p')}">
      <xsl:attribute name="class" select="'tei-msIdentifier'"/>
      <xsl:call-template name="f:lang"/>
      <xsl:for-each select="*[normalize-space()]">
        <xsl:if test="position() > 1">, </xsl:if>
        <xsl:apply-templates/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- Measurements (TEI P5 10.7.1.4) labelled, with their unit: "height 21.5 cm, width 14.2 cm",
       not bare figures. A dimension whose element the UI strings do not name keeps its own name. -->
  <xsl:template match="tei:dimensions">
    <span class="tei-dimensions">
      <xsl:call-template name="f:lang"/>
      <xsl:value-of select="string-join(*[normalize-space()] ! f:dimension(., (@unit, ../@unit)[1]), ', ')"/>
    </span>
  </xsl:template>

  <xsl:function name="f:dimension" as="xs:string">
    <xsl:param name="measure" as="element()"/>
    <xsl:param name="unit" as="attribute()?"/>
    <xsl:variable name="label" select="let $key := 'dimension-' || local-name($measure), $word := f:ui($key)
                                       return if ($word = $key) then local-name($measure) else $word"/>
    <xsl:sequence select="if ($unit) then f:ui('dimension-unit', map{'label': $label, 'value': f:normal($measure), 'unit': string($unit)})
                          else f:ui('dimension', map{'label': $label, 'value': f:normal($measure)})"/>
  </xsl:function>
</xsl:stylesheet>
