<?xml version="1.0" encoding="UTF-8"?>
<!-- Block or inline: which TEI elements become HTML blocks, so that no HTML paragraph, heading
     or phrase ever holds a block (an HTML p cannot hold a list or a table: a TEI p that holds
     one becomes a div). Also the fallback for elements no module knows (their text is always
     shown) and the attributes every rendered element carries (lang, dir). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:pub="urn:tei-encoder:publish"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:mml="http://www.w3.org/1998/Math/MathML"
    exclude-result-prefixes="#all">

  <!-- Always blocks (TEI P5 chapters 4 text structure, 3.7 lists, 14 tables, 7 drama, 6 verse). -->
  <xsl:variable name="block-names" as="xs:string*" select="(
      'TEI', 'text', 'front', 'body', 'back', 'group', 'div', 'div1', 'div2', 'div3', 'div4', 'div5',
      'div6', 'div7', 'p', 'ab', 'head', 'lg', 'l', 'sp', 'spGrp', 'list', 'listBibl', 'table', 'row',
      'figure', 'opener', 'closer', 'dateline', 'salute', 'signed', 'byline', 'titlePage', 'docTitle',
      'titlePart', 'docImprint', 'docAuthor', 'docEdition', 'imprimatur', 'trailer', 'argument',
      'epigraph', 'postscript', 'castList', 'castGroup', 'castItem', 'floatingText', 'msDesc',
      'listPerson', 'listPlace', 'listOrg', 'listEvent', 'speaker', 'entry', 'superEntry',
      'set', 'move', 'view', 'camera', 'sound', 'caption', 'tech')"/>
  <!-- Phrase-level elements: inline, and what they hold is inline too. -->
  <xsl:variable name="phrase-names" as="xs:string*" select="(
      'p', 'ab', 'l', 'head', 'speaker', 'dateline', 'salute', 'signed', 'byline', 'docAuthor',
      'titlePart', 'docDate', 'trailer', 'item', 'cell', 'label', 'hi', 'emph', 'seg', 'q', 'said',
      'quote', 'persName', 'placeName', 'orgName', 'rs', 'name', 'date', 'time', 'foreign', 'term',
      'title', 'mentioned', 'soCalled', 'gloss', 'sic', 'corr', 'reg', 'orig', 'abbr', 'expan',
      'add', 'del', 'unclear', 'supplied', 'choice', 'app', 'lem', 'rdg', 'num', 'measure', 'ref',
      'idno', 'roleName', 'forename', 'surname', 'addName', 'genName', 'nameLink', 'geogName',
      'settlement', 'country', 'region', 'bloc', 'district', 'w', 'pc', 'c', 'g', 'damage',
      'surplus', 'subst', 'ex', 'am', 'bibl', 'stage', 'figDesc', 'desc', 'note')"/>

  <!-- The same names as maps: a lookup per element instead of a scan of the list. These and
       $common-leaves depend on no document: they are parameters that tei_encoder/publish.py passes
       as this stylesheet made them once (document.xsl's template f:document-constants), so they
       are not made again for every page; given none (an edition's modules), each page makes them. Maps of names
       (xs:string) to true(). -->
  <xsl:param name="is-block-name" as="map(*)" select="map:merge($block-names ! map{.: true()})"/>
  <xsl:param name="is-phrase-name" as="map(*)" select="map:merge($phrase-names ! map{.: true()})"/>
  <!-- phrase-level names f:is-block never calls a block, wherever they stand -->
  <xsl:param name="is-leaf-phrase-name" as="map(*)"
      select="map:merge($phrase-names[not(map:contains($is-block-name, .) or . = ('stage', 'quote', 'cit', 'bibl'))] ! map{.: true()})"/>

  <!-- Is this element rendered as a block where it stands? Named blocks always (a `stage` or a
       `quote` only outside phrases); an element no module names is a block when it stands in a
       structure of elements (a manuscript description, a list of persons), inline in a phrase. -->
  <xsl:function name="f:is-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="name" select="local-name($e)"/>
    <xsl:sequence select="
      if (not($e/self::tei:*)) then false()
      else if (map:contains($is-block-name, $name)) then true()
      else if ($name = ('stage', 'quote', 'cit', 'bibl')) then not(f:in-phrase($e))
      else if (map:contains($is-phrase-name, $name)) then false()
      else not(f:in-phrase($e))"/>
  </xsl:function>

  <!-- Inside a phrase: an ancestor is phrase-level or holds text of its own. -->
  <xsl:function name="f:in-phrase" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::*[map:contains($is-phrase-name, local-name()) or text()[normalize-space()]][1])"/>
  </xsl:function>

  <!-- Does the element hold a block that the page shows in its place (not in a footnote, not
       an alternative reading shown on hover)? Then it must itself be rendered as a block. -->
  <xsl:function name="f:holds-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- a TEI phrase-level element with no element inside (most of a paragraph's: names, dates) is
         no block and holds none: passed over without the test -->
    <xsl:sequence select="some $c in $e/*[not(self::tei:note)][* or not($common-leaves and (self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:date)
                                                          or self::tei:* and map:contains($is-leaf-phrase-name, local-name()))]
        satisfies (f:is-block($c) or exists($c/*) and f:holds-block($c))"/>
  </xsl:function>

  <!-- Whether the names most children of a paragraph have (mentions, dates) are leaf phrase-level
       names (they are, unless an edition's $phrase-names says otherwise): told once a page, so
       f:holds-block tells such a child by its name, without looking its name up. -->
  <xsl:param name="common-leaves" as="xs:boolean"
      select="every $name in ('persName', 'placeName', 'orgName', 'date') satisfies map:contains($is-leaf-phrase-name, $name)"/>

  <!-- The HTML element for a TEI element: its own name when it holds no block, else a div. -->
  <xsl:function name="f:html-name" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="inline-name" as="xs:string"/>
    <xsl:sequence select="if (f:holds-block($e)) then 'div' else $inline-name"/>
  </xsl:function>

  <!-- lang and dir of an element: its xml:lang, and the direction tei_encoder/sitemap.py found
       where the language changes it (pub:dir). Called first in every element the page makes. -->
  <xsl:template name="f:lang">
    <xsl:param name="e" as="element()" select="."/>
    <xsl:if test="$e/@xml:lang"><xsl:attribute name="lang" select="$e/@xml:lang"/></xsl:if>
    <xsl:if test="$e/@pub:dir"><xsl:attribute name="dir" select="$e/@pub:dir"/></xsl:if>
    <!-- the anchor a ref or ptr of the text points to (tei_encoder/sitemap.py _mark_references) -->
    <xsl:if test="$e/@pub:anchor"><xsl:attribute name="id" select="$e/@pub:anchor"/></xsl:if>
  </xsl:template>

  <!-- lang and dir of the site's own words (a label, a heading, a mark) placed inside what E makes:
       the interface's (UI strings lang and dir), where E or an element above it declares another
       language (xml:lang) or direction (pub:dir), so the site's words are never tagged with the
       content's language; nothing where the page's own (html lang, dir) reaches them. -->
  <xsl:template name="f:ui-lang">
    <xsl:param name="e" as="element()" select="."/>
    <xsl:variable name="lang" select="$e/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:variable name="dir" select="$e/ancestor-or-self::*[@pub:dir][1]/@pub:dir"/>
    <xsl:variable name="ui-dir" select="if (f:ui('dir') = 'rtl') then 'rtl' else 'ltr'"/>
    <xsl:if test="$lang and $lang != f:ui('lang')"><xsl:attribute name="lang" select="f:ui('lang')"/></xsl:if>
    <xsl:if test="$dir and $dir != $ui-dir"><xsl:attribute name="dir" select="$ui-dir"/></xsl:if>
  </xsl:template>

  <!-- lang and dir of content shown away from its TEI ancestors (the text's section, the title,
       the header's values): the nearest xml:lang at or above E, and the nearest direction
       tei_encoder/sitemap.py marked (pub:dir, set wherever the direction differs from the one
       above it, the page's at the top), so a language or direction declared on TEI, teiHeader
       or text reaches the HTML element even though those elements make none of their own. -->
  <xsl:template name="f:inherited-lang">
    <xsl:param name="e" as="element()" select="."/>
    <xsl:variable name="lang" select="$e/ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:variable name="dir" select="$e/ancestor-or-self::*[@pub:dir][1]/@pub:dir"/>
    <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
    <xsl:if test="$dir"><xsl:attribute name="dir" select="$dir"/></xsl:if>
  </xsl:template>

  <!-- @rend / @rendition tokens as classes (rend-italic, rend-bold …): the stylesheet's CSS styles them. -->
  <xsl:function name="f:rend-classes" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($e/@rend)) ! replace(., '[^\p{L}\p{N}_-]', '') ! ('rend-' || .)"/>
  </xsl:function>

  <!-- Fallback for elements no module names: their content, as a block or a span. -->
  <xsl:template match="tei:*" priority="-1">
    <!-- in a structure of elements written without spaces (<settlement>A</settlement><country>B</country>), a space keeps words apart -->
    <xsl:if test="preceding-sibling::node()[1][self::*] and not(f:in-phrase(.))"><xsl:text> </xsl:text></xsl:if>
    <xsl:element name="{if (f:is-block(.) or f:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), f:rend-classes(.)), ' ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- MathML (TEI P5 14.5 formula: a formula in another notation): HTML5 carries it, so the page
       shows it as MathML, built again from what HTML5 allows (the elements of MathML 3's
       presentation markup and their layout attributes: tei_encoder/data/site.json "mathml"). Left out, and reported by
       tei_encoder/publish.py (mathml_warnings): what could run or navigate (href, on… and any other
       attribute not listed), annotation-xml (alternative encodings, which may hold HTML or SVG), and
       the other branches of an maction (its first is shown). Content MathML is shown by its
       presentation counterparts (ci as mi, cn as mn, the rest as mrow). -->
  <xsl:param name="mathml" as="map(*)" select="parse-json($site)?mathml"/>
  <xsl:variable name="mathml-names" as="map(*)" select="map:merge($mathml?elements?* ! map{.: true()})"/>
  <xsl:variable name="mathml-attributes" as="map(*)" select="map:merge($mathml?attributes?* ! map{.: true()})"/>
  <!-- A formula's box, which scrolls (edition.css .tei-math) when the formula is wider than the
       line, as a table's does: a display formula's is a region a keyboard reaches (tabindex) named by
       the UI string formula-box; an inline one's becomes one when it scrolls (assets/edition.js). -->
  <xsl:template match="mml:math[not(ancestor::mml:*)]" priority="2">
    <xsl:variable name="block" select="@display = 'block' or exists(ancestor::tei:formula[1][tokenize(@rend) = 'display'])"/>
    <span class="tei-math{if ($block) then ' tei-math-block' else ''}" data-label="{f:ui('formula-box')}">
      <xsl:if test="$block">
        <xsl:attribute name="role" select="'region'"/>
        <xsl:attribute name="tabindex" select="'0'"/>
        <xsl:attribute name="aria-label" select="f:ui('formula-box')"/>
      </xsl:if>
      <xsl:next-match/>
    </span>
  </xsl:template>
  <xsl:template match="*[namespace-uri() = 'http://www.w3.org/1998/Math/MathML']" priority="1">
    <xsl:variable name="name" select="local-name()"/>
    <xsl:choose>
      <xsl:when test="$name = 'annotation-xml'"/>
      <xsl:when test="$name = 'maction'"><xsl:apply-templates select="*[1]"/></xsl:when>
      <xsl:otherwise>
        <xsl:element name="{f:mathml-name(.)}" namespace="http://www.w3.org/1998/Math/MathML">
          <xsl:copy-of select="@*[namespace-uri() = ''][map:contains($mathml-attributes, local-name())]
              [not(local-name() = 'encoding' and not($name = 'annotation'))]"/>
          <xsl:if test="$name = 'math' and not(@display) and ancestor::tei:formula[1][tokenize(@rend) = 'display']">
            <xsl:attribute name="display" select="'block'"/>
          </xsl:if>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The name an element of MathML is shown by: its own when HTML5 has it (site.json mathml
       elements), Content MathML's by their presentation counterparts, any other an mrow. -->
  <xsl:function name="f:mathml-name" as="xs:string">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="name" select="local-name($el)"/>
    <xsl:sequence select="if (map:contains($mathml-names, $name)) then $name
        else if ($name = ('ci', 'csymbol')) then 'mi' else if ($name = 'cn') then 'mn' else 'mrow'"/>
  </xsl:function>

  <!-- Text directly in a MathML element that holds no text in HTML5 (an mrow, an element shown as
       one, an mfrac: only site.json mathml text_elements do) is shown in an mtext of its own, so
       no word is lost and the page stays valid HTML. -->
  <xsl:variable name="mathml-text-names" as="xs:string*" select="$mathml?text_elements?*"/>
  <xsl:template match="mml:*/text()[normalize-space()]" priority="1">
    <xsl:choose>
      <xsl:when test="f:mathml-name(..) = $mathml-text-names"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <mtext xmlns="http://www.w3.org/1998/Math/MathML"><xsl:next-match/></mtext>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Elements of other vocabularies inside the text (SVG, MathML, a project's own): their text. -->
  <xsl:template match="*[not(self::tei:*)]" priority="-1">
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'foreign-markup'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
