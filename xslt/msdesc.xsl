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
       makes of it otherwise (next-match). A field that shows no words (an empty title, a measure
       given by no attribute) gets no label and no element. The label runs on with the field's
       first words (inside its first paragraph when the field is made of blocks: never a label
       alone on its line, mode f:labelled) and stands outside the field's language and direction,
       which its content keeps; the label is in the site's (f:ui-lang). -->
  <xsl:template match="tei:msDesc//tei:locus[parent::tei:msItem or parent::tei:msItemStruct or parent::tei:msContents]
                       | tei:msDesc//tei:title[parent::tei:msItem or parent::tei:msItemStruct]
                       | tei:msDesc//tei:author[parent::tei:msItem or parent::tei:msItemStruct]
                       | tei:msDesc//tei:textLang | tei:msDesc//tei:extent | tei:msDesc//tei:support
                       | tei:msDesc//tei:scriptDesc | tei:msDesc//tei:handDesc
                       | tei:msDesc//tei:origPlace | tei:msDesc//tei:origDate" priority="2">
    <xsl:variable name="shown" as="node()*"><xsl:next-match/></xsl:variable>
    <xsl:choose>
      <xsl:when test="../text()[matches(., '\p{L}')]"><xsl:sequence select="$shown"/></xsl:when>
      <xsl:when test="not(normalize-space(string-join($shown ! string(.))))"/>
      <xsl:otherwise>
        <xsl:variable name="label" as="element()">
          <span class="ms-field"><xsl:call-template name="f:ui-lang"><xsl:with-param name="e" select=".."/></xsl:call-template><xsl:value-of select="f:ui('ms-field-' || local-name())"/></span>
        </xsl:variable>
        <xsl:for-each select="$shown">
          <xsl:choose>
            <xsl:when test="self::element() and not(preceding-sibling::*)">
              <xsl:apply-templates select="." mode="f:labelled"><xsl:with-param name="label" select="$label"/></xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- HTML elements that are blocks: a label never stands before one (mode f:labelled). -->
  <xsl:variable name="html-blocks" as="xs:string*"
      select="('div', 'p', 'ul', 'ol', 'dl', 'table', 'blockquote', 'section', 'figure', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6')"/>

  <!-- A field's element as made (HTML, no namespace) with LABEL and the separator before its first
       words: in its first block, when it begins with one (a handDesc's handNote's paragraph), else
       in itself. The elements on the way lose their lang and dir, which go to what they hold (the
       runs of text and phrases wrapped in a span, the blocks given them), so that the label is not
       in the content's language and the content keeps it. -->
  <xsl:template match="*" mode="f:labelled">
    <xsl:param name="label" as="element()"/>
    <xsl:param name="lang" as="xs:string?" select="()"/>
    <xsl:param name="dir" as="xs:string?" select="()"/>
    <xsl:variable name="l" select="(@lang/string(), $lang)[1]"/>
    <xsl:variable name="d" select="(@dir/string(), $dir)[1]"/>
    <xsl:variable name="first" select="node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:copy>
      <xsl:sequence select="@* except (@lang, @dir)"/>
      <xsl:choose>
        <xsl:when test="$first/self::*[local-name() = ('div', 'p')]">
          <xsl:for-each select="node()">
            <xsl:choose>
              <xsl:when test=". is $first">
                <xsl:apply-templates select="." mode="f:labelled">
                  <xsl:with-param name="label" select="$label"/><xsl:with-param name="lang" select="$l"/><xsl:with-param name="dir" select="$d"/>
                </xsl:apply-templates>
              </xsl:when>
              <xsl:otherwise><xsl:sequence select="f:in-lang(., $l, $d)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$label"/>
          <xsl:value-of select="f:ui('ms-field-separator')"/>
          <xsl:for-each-group select="node()" group-adjacent="exists(self::*[local-name() = $html-blocks])">
            <xsl:choose>
              <xsl:when test="current-grouping-key() or empty(($l, $d)) or not(normalize-space(string-join(current-group() ! string(.))))">
                <xsl:sequence select="current-group() ! f:in-lang(., $l, $d)"/>
              </xsl:when>
              <xsl:otherwise>
                <span>
                  <xsl:if test="exists($l)"><xsl:attribute name="lang" select="$l"/></xsl:if>
                  <xsl:if test="exists($d)"><xsl:attribute name="dir" select="$d"/></xsl:if>
                  <xsl:sequence select="current-group()"/>
                </span>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each-group>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>

  <!-- NODE of a made element, given the language and direction LANG and DIR of the element it
       stood in (() for none) where it has none of its own; text (other than white space) is not
       given them here (f:labelled wraps its runs). -->
  <xsl:function name="f:in-lang" as="node()">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:param name="dir" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="$node/self::element() and (exists($lang) and not($node/@lang) or exists($dir) and not($node/@dir))">
        <xsl:element name="{local-name($node)}">
          <xsl:sequence select="$node/@*"/>
          <xsl:if test="exists($lang) and not($node/@lang)"><xsl:attribute name="lang" select="$lang"/></xsl:if>
          <xsl:if test="exists($dir) and not($node/@dir)"><xsl:attribute name="dir" select="$dir"/></xsl:if>
          <xsl:sequence select="$node/node()"/>
        </xsl:element>
      </xsl:when>
      <xsl:when test="$node/self::text()[normalize-space()] and exists(($lang, $dir))">
        <span>
          <xsl:if test="exists($lang)"><xsl:attribute name="lang" select="$lang"/></xsl:if>
          <xsl:if test="exists($dir)"><xsl:attribute name="dir" select="$dir"/></xsl:if>
          <xsl:sequence select="$node"/>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$node"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

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
       not bare figures. A dimension whose element the UI strings do not name keeps its own name.
       A value held in attributes (att.dimensions: @quantity, else @min and @max or @atLeast and
       @atMost as a range) is shown as one written; a dimension with no value, or a value of zero
       (a catalogue's placeholder: no leaf measures nothing), is left out, and dimensions with
       none shows nothing (no empty element). -->
  <xsl:template match="tei:dimensions">
    <xsl:variable name="shown" select="string-join(* ! f:dimension(., (@unit, ../@unit)[1])[.], f:ui('measure-separator'))"/>
    <xsl:if test="$shown">
      <xsl:call-template name="measure-separator"/>
      <span class="tei-dimensions">
        <xsl:call-template name="f:lang"/>
        <xsl:value-of select="$shown"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A dimension's value: its words, else the attributes that give it (see above); '' for none. -->
  <xsl:function name="f:dimension-value" as="xs:string">
    <xsl:param name="measure" as="element()"/>
    <xsl:variable name="given" select="function($a as attribute()*) as xs:string* { $a ! normalize-space(.)[.][not(matches(., '^[0.,]+$'))] }"/>
    <xsl:sequence select="if (normalize-space($measure)) then f:normal($measure)
        else (($given($measure/@quantity),
               string-join($given($measure/(@min, @max)), '&#x2013;')[.],
               string-join($given($measure/(@atLeast, @atMost)), '&#x2013;')[.])[1], '')[1]"/>
  </xsl:function>

  <xsl:function name="f:dimension" as="xs:string">
    <xsl:param name="measure" as="element()"/>
    <xsl:param name="unit" as="attribute()?"/>
    <xsl:variable name="value" select="f:dimension-value($measure)"/>
    <xsl:variable name="label" select="let $key := 'dimension-' || local-name($measure), $word := f:ui($key)
                                       return if ($word = $key) then local-name($measure) else $word"/>
    <xsl:sequence select="if (not($value)) then ''
                          else if ($unit) then f:ui('dimension-unit', map{'label': $label, 'value': $value, 'unit': string($unit)})
                          else f:ui('dimension', map{'label': $label, 'value': $value})"/>
  </xsl:function>

  <!-- A measure with no words (att.measurement, TEI P5 3.6.3): what its attributes hold, its
       @quantity and its @unit (UI string measure), so the page shows what the record says; one
       following another with nothing between is set apart by measure-separator. With neither,
       nothing. -->
  <xsl:template match="tei:measure[not(normalize-space())]" priority="1">
    <xsl:variable name="quantity" select="normalize-space(@quantity)"/>
    <xsl:variable name="unit" select="normalize-space(@unit)"/>
    <xsl:if test="$quantity or $unit">
      <xsl:call-template name="measure-separator"/>
      <span class="tei-measure">
        <xsl:call-template name="f:lang"/>
        <xsl:value-of select="normalize-space(f:ui('measure', map{'quantity': $quantity, 'unit': $unit}))"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- measure-separator before a measure or dimensions that follows right after another one the
       page shows (nothing between them: white space between keeps them apart as written). -->
  <xsl:template name="measure-separator">
    <xsl:variable name="before" select="preceding-sibling::node()[1]"/>
    <xsl:if test="$before/self::tei:measure[normalize-space() or normalize-space(@quantity) or normalize-space(@unit)]
                  or $before/self::tei:dimensions[some $c in * satisfies f:dimension-value($c)]">
      <xsl:value-of select="f:ui('measure-separator')"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
