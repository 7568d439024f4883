<?xml version="1.0" encoding="UTF-8"?>
<!-- Manuscript descriptions (TEI P5 chapter 10) of the header: shown in full when they say more
     than the "About this document" panel does (archive, collection, reference, folios). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
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
