<?xml version="1.0" encoding="UTF-8"?>
<!-- Block or inline: which TEI elements become HTML blocks, so that no HTML paragraph, heading
     or phrase ever holds a block (an HTML p cannot hold a list or a table: a TEI p that holds
     one becomes a div). Also the fallback for elements no module knows (their text is always
     shown) and the attributes every rendered element carries (lang, dir), from the decisions
     tei_encoder/sitemap.py hands the page with its TEI. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
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

  <!-- The same names as maps: a lookup per element instead of a scan of the list. -->
  <xsl:variable name="is-block-name" as="map(xs:string, xs:boolean)" select="map:merge($block-names ! map{.: true()})"/>
  <xsl:variable name="is-phrase-name" as="map(xs:string, xs:boolean)" select="map:merge($phrase-names ! map{.: true()})"/>

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
    <xsl:sequence select="some $c in $e/*[not(self::tei:note)] satisfies (f:is-block($c) or f:holds-block($c))"/>
  </xsl:function>

  <!-- The HTML element for a TEI element: its own name when it holds no block, else a div. -->
  <xsl:function name="f:html-name" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="inline-name" as="xs:string"/>
    <xsl:sequence select="if (f:holds-block($e)) then 'div' else $inline-name"/>
  </xsl:function>

  <!-- The document's languages as tei_encoder/sitemap.py decided them (page_languages), as
       JSON: each xml:lang value's HTML lang and direction ("langs"), and the language of a text
       that declares none ("text-lang"). -->
  <xsl:param name="page" as="xs:string" select="'{}'"/>
  <xsl:variable name="decided" as="map(*)" select="parse-json($page)"/>
  <xsl:variable name="page-langs" as="map(*)" select="($decided?langs, map{})[1]"/>
  <!-- the outermost texts that take the header's language, having none of their own or above -->
  <xsl:variable name="declared-text" as="element()*"
      select="if (string($decided?text-lang) and exists(/*) and not(/*/@xml:lang)) then /*/tei:text[not(@xml:lang)] else ()"/>

  <!-- An element's own language as the TEI gives it (xml:lang, or the header's for a text that
       declares none); empty when it has none of its own. -->
  <xsl:function name="f:own-lang" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/@xml:lang) then string($e/@xml:lang) else if ($e/self::tei:text and exists($e intersect $declared-text)) then string($decided?text-lang) else ()"/>
  </xsl:function>

  <!-- The writing direction of an element with a language of its own. -->
  <xsl:function name="f:own-dir" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($page-langs(f:own-lang($e))?2, 'ltr')[1]"/>
  </xsl:function>

  <!-- The direction above an element: that of its nearest ancestor with a language, else ltr. -->
  <xsl:function name="f:inherited-dir" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($e/ancestor::*[@xml:lang or exists(. intersect $declared-text)][1] ! f:own-dir(.), 'ltr')[1]"/>
  </xsl:function>

  <!-- lang and dir of an element: its language (as a valid BCP 47 tag), and its direction where
       the language changes it. Called first in every element the page makes. -->
  <xsl:template name="f:lang">
    <xsl:param name="e" as="element()" select="."/>
    <!-- most elements have no language of their own: told at once -->
    <xsl:variable name="lang" select="if ($e/@xml:lang or $e/self::tei:text) then f:own-lang($e) else ()"/>
    <xsl:if test="exists($lang)">
      <xsl:attribute name="lang" select="($page-langs($lang)?1, $lang)[1]"/>
      <xsl:variable name="dir" select="f:own-dir($e)"/>
      <xsl:if test="$dir != f:inherited-dir($e)"><xsl:attribute name="dir" select="$dir"/></xsl:if>
    </xsl:if>
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

  <!-- Elements of other vocabularies inside the text (SVG, MathML, a project's own): their text. -->
  <xsl:template match="*[not(self::tei:*)]" priority="-1">
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'foreign-markup'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
