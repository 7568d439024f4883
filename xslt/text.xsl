<?xml version="1.0" encoding="UTF-8"?>
<!-- The structure of the text (TEI P5 chapter 4): front, body, back, groups of texts, divisions
     at any depth, heads, paragraphs, opener and closer, lists, verse (chapter 6), drama
     (chapter 7), figures, quotations. Block or inline is decided in layout.xsl. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:pub="urn:tei-encoder:publish"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <!-- Children worth rendering in a block container: elements and text that is not only
       the whitespace between them. -->
  <xsl:function name="f:content" as="node()*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/node()[not(self::text()) or normalize-space()]"/>
  </xsl:function>

  <!-- The text's language: its own xml:lang or the nearest one above it (f:inherited-lang). -->
  <xsl:template name="text-lang">
    <xsl:call-template name="f:inherited-lang"/>
  </xsl:template>

  <!-- The page's "Text" section: the document's text, or each text of a corpus. A text with
       nothing to show (a manuscript description's empty body) gets no section. -->
  <xsl:template match="/tei:TEI/tei:text[not(normalize-space()) and not(.//tei:pb | .//tei:gap)]" priority="1"/>
  <xsl:template match="/tei:TEI/tei:text">
    <section class="text" aria-labelledby="text-heading">
      <xsl:call-template name="text-lang"/>
      <!-- the heading is the site's word, in the site's language, not the text's (f:ui-lang) -->
      <h2 id="text-heading"><xsl:call-template name="f:ui-lang"/><xsl:value-of select="f:ui('text-heading')"/></h2>
      <xsl:apply-templates select="f:content(.)"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:teiCorpus" mode="texts">
    <section class="text" aria-labelledby="text-heading">
      <xsl:call-template name="text-lang"/>
      <h2 id="text-heading"><xsl:call-template name="f:ui-lang"/><xsl:value-of select="f:ui('text-heading')"/></h2>
      <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="member"/>
    </section>
  </xsl:template>

  <!-- A member of a corpus: its title and its texts; a corpus inside the corpus is a member
       holding its own members (one "Text" section per page, its headings a level deeper). -->
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="member">
    <article class="tei-member">
      <xsl:call-template name="text-lang"/>
      <xsl:element name="h{min((6, 2 + count(ancestor::tei:teiCorpus)))}">
        <xsl:attribute name="class" select="'tei-member-title'"/>
        <xsl:value-of select="f:normal((tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])"/>
      </xsl:element>
      <xsl:apply-templates select="tei:TEI | tei:teiCorpus" mode="member"/>
      <xsl:for-each select="tei:text">
        <div class="tei-text"><xsl:call-template name="text-lang"/><xsl:apply-templates select="f:content(.)"/></div>
      </xsl:for-each>
    </article>
  </xsl:template>

  <!-- A text inside a group or a floatingText. -->
  <xsl:template match="tei:text">
    <div class="tei-text">
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="f:content(.)"/>
    </div>
  </xsl:template>

  <!-- The body has no box of its own: its divisions are the text's. -->
  <xsl:template match="tei:body">
    <xsl:apply-templates select="f:content(.)"/>
  </xsl:template>

  <xsl:template match="tei:front | tei:back | tei:group | tei:floatingText | tei:titlePage | tei:lg | tei:sp | tei:spGrp
                       | tei:castList | tei:castGroup | tei:castItem | tei:listBibl | tei:listPerson | tei:listPlace | tei:listOrg
                       | tei:div[not(@type = ('document', 'section', 'subsection'))] | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <div class="{string-join(('tei-' || local-name(), @type ! ('tei-' || local-name(..) || '-' || replace(., '[^\p{L}\p{N}_-]', '')), f:rend-classes(.)), ' ')}">
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="f:content(.)"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'document']">
    <div class="tei-document">
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div[@type = ('section', 'subsection')]">
    <section class="tei-section">
      <xsl:if test="@n"><xsl:attribute name="id" select="'section-' || replace(@n, '[^A-Za-z0-9]', '')"/></xsl:if>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- Headings follow the depth of divisions: the page's h1 is the title, h2 "Text", so a
       top-level division's head is h3 and deeper ones h4 … h6. An edition's own prose page
       ($page-kind 'edition', document.xsl) has no "Text" heading: its divisions begin at h2. -->
  <xsl:function name="f:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <!-- only divisions that show a heading count, so a level is never skipped (h2 -> h5) when a
         division between them has no head -->
    <xsl:variable name="divs" select="count($head/ancestor::*[matches(local-name(), '^div[1-7]?$')][tei:head]) + count($head/ancestor::tei:text) - 1"/>
    <xsl:sequence select="min((6, (if ($page-kind = 'edition') then 1 else 2) + max((1, $divs))))"/>
  </xsl:function>

  <xsl:template match="tei:head[parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3 or parent::tei:div4
                       or parent::tei:div5 or parent::tei:div6 or parent::tei:div7 or parent::tei:body or parent::tei:front
                       or parent::tei:back or parent::tei:group]">
    <xsl:element name="{f:html-name(., 'h' || f:heading-level(.))}">
      <xsl:attribute name="class" select="string-join(('tei-head', f:rend-classes(.)), ' ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A head of a verse group, a speech, a figure or a list of persons. -->
  <xsl:template match="tei:head">
    <xsl:element name="{f:html-name(., 'p')}">
      <xsl:attribute name="class" select="string-join(('tei-head', 'tei-' || local-name(..) || '-head'), ' ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Opener and closer: their parts, and any text written between them. Punctuation right
       after a part that is a paragraph of its own ("<seg>Top Secret</seg>. ") ends that
       paragraph instead of standing on a line by itself. -->
  <xsl:template match="tei:opener | tei:closer">
    <div class="tei-{local-name()}">
      <xsl:call-template name="f:lang"/>
      <xsl:for-each select="f:content(.)">
        <xsl:if test="not(f:ends-previous-part(.))">
          <xsl:apply-templates select=".">
            <xsl:with-param name="trailing" select="following-sibling::node()[1][f:ends-previous-part(.)]"/>
          </xsl:apply-templates>
        </xsl:if>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:function name="f:ends-previous-part" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/self::text()[matches(., '^\s*\p{P}+\s*$')]
        and exists($node/preceding-sibling::node()[1][
            (self::tei:seg | self::tei:idno)[parent::tei:opener]
            or self::tei:dateline or self::tei:salute or self::tei:signed or self::tei:byline or self::tei:trailer
            or self::tei:postscript or self::tei:docAuthor or self::tei:docImprint or self::tei:ab])"/>
    <!-- (the parts whose templates take the parameter "trailing") -->
  </xsl:function>

  <xsl:template match="tei:opener/tei:seg | tei:opener/tei:idno">
    <xsl:param name="trailing" as="text()?" select="()"/>
    <xsl:element name="{f:html-name(., 'p')}">
      <xsl:attribute name="class" select="'tei-seg tei-seg-' || (@type, local-name())[1]"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
      <xsl:value-of select="normalize-space($trailing)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed | tei:byline | tei:docTitle | tei:titlePart | tei:docImprint
                       | tei:docAuthor | tei:docEdition | tei:imprimatur | tei:trailer | tei:argument | tei:epigraph
                       | tei:postscript | tei:speaker | tei:ab">
    <xsl:param name="trailing" as="text()?" select="()"/>
    <xsl:element name="{f:html-name(., 'p')}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), f:rend-classes(.)), ' ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
      <xsl:value-of select="normalize-space($trailing)"/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph that holds a list, a table or verse cannot be an HTML p: it becomes a div. -->
  <xsl:template match="tei:p">
    <xsl:choose>
      <xsl:when test="f:holds-block(.)">
        <div class="{string-join(('tei-p', f:rend-classes(.)), ' ')}">
          <xsl:call-template name="f:lang"/>
          <xsl:apply-templates/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:if test="@rend"><xsl:attribute name="class" select="string-join(f:rend-classes(.), ' ')"/></xsl:if>
          <xsl:call-template name="f:lang"/>
          <xsl:apply-templates/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Verse: one line per l. -->
  <xsl:template match="tei:l">
    <div class="{string-join(('tei-l', f:rend-classes(.)), ' ')}">
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A stage direction between speeches is a block; inside a line or a speech's paragraph, inline. -->
  <xsl:template match="tei:stage">
    <xsl:element name="{if (f:is-block(.)) then f:html-name(., 'p') else f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-stage'"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:quote | tei:cit">
    <xsl:element name="{if (f:is-block(.) or f:holds-block(.)) then (if (self::tei:quote) then 'blockquote' else 'div') else 'span'}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), f:rend-classes(.)), ' ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:label[@type = 'speaker']">
    <b class="speaker"><xsl:call-template name="f:lang"/><xsl:apply-templates/></b>
  </xsl:template>
  <xsl:template match="tei:label">
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-label'"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- How a list is shown, by the words of its @type and @rend (tei_encoder/data/site.json `lists`,
       passed parsed by tei_encoder/publish.py): numbered (an ol, unless the list's own labels number
       it: they are shown), with bullets, or without marks. -->
  <xsl:param name="list-kinds" as="map(*)" select="parse-json($site)?lists"/>

  <!-- Lists: items as list items; a label, a page break or stray text between them gets an item of its own
       (unmarked and, in a numbered list, not counted: each item is given its number). -->
  <xsl:template match="tei:list">
    <xsl:variable name="words" select="tokenize(lower-case(string-join((@type, @rend), ' ')))"/>
    <xsl:variable name="kind" select="if ($words = array:flatten($list-kinds?ordered) and not(tei:label)) then 'ordered'
                                      else if ($words = array:flatten($list-kinds?bulleted)) then 'bulleted' else ''"
        xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <div class="{string-join(('tei-list', @type ! ('tei-list-' || normalize-space(.)), $kind[.] ! ('list-' || .)), ' ')}">
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:element name="{if ($kind = 'ordered') then 'ol' else 'ul'}">
        <xsl:for-each select="f:content(.) except tei:head">
          <xsl:choose>
            <xsl:when test="self::tei:item and $kind = 'ordered'">
              <li value="{count(preceding-sibling::tei:item) + 1}"><xsl:call-template name="f:lang"/><xsl:apply-templates/></li>
            </xsl:when>
            <xsl:when test="self::tei:item"><xsl:apply-templates select="."/></xsl:when>
            <xsl:otherwise><li class="tei-list-part"><xsl:apply-templates select="."/></li></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:element>
    </div>
  </xsl:template>
  <xsl:template match="tei:list/tei:head">
    <xsl:element name="{f:html-name(., 'p')}">
      <xsl:attribute name="class" select="'list-head'"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:item">
    <li><xsl:call-template name="f:lang"/><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph">
    <xsl:element name="{f:html-name(., if (self::tei:emph) then 'em' else 'span')}">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), f:rend-classes(.)), ' ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Figures: the head and the description are shown; an image is named, not copied (tei:graphic below). -->
  <xsl:template match="tei:figure">
    <div class="tei-figure">
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="f:content(.)"/>
    </div>
  </xsl:template>
  <xsl:template match="tei:figure/tei:figDesc">
    <xsl:element name="{f:html-name(., 'p')}">
      <xsl:attribute name="class" select="'tei-figDesc'"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>
  <!-- A line break inside a word (@break="no", TEI P5 §3.11.3): the word is shown joined, the break
       as the edition's line-break sign (UI string line-break-sign), drawn by the stylesheet (CSS
       content from data-sign) so that the word is read, searched and copied whole. -->
  <xsl:template match="tei:lb[@break = 'no']">
    <span class="lb-in-word" data-sign="{f:ui('line-break-sign')}" title="{f:ui('hover-line-break-in-word')}"><xsl:if test="not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if></span>
  </xsl:template>

  <!-- References and pointers (TEI P5 §3.7): a link where tei_encoder/sitemap.py found where
       the target leads on the page or on the web (pub:to: an http(s) URL, or the anchor of the
       element pointed to); otherwise, or where a link would stand inside another (a mention),
       the words with the target given as the element's title. A ptr shows its target, and so does
       a ref without words (an empty ref is a pointer too, never an empty link). -->
  <xsl:template match="tei:ref[@target] | tei:ptr[@target]">
    <xsl:variable name="words" as="node()*">
      <xsl:choose>
        <xsl:when test="self::tei:ptr or not(node())"><xsl:value-of select="normalize-space(@target)"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@pub:to and not(ancestor::*[@pub:link or @pub:href] or .//*[@pub:link or @pub:href])">
        <!-- the marks of readings and notes inside it follow it (common.xsl f:link-words) -->
        <a class="tei-{local-name()}" href="{@pub:to}">
          <xsl:call-template name="f:lang"/>
          <xsl:apply-templates select="$words" mode="f:unmarked"/>
        </a>
        <xsl:sequence select="f:link-marks($words)"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- a link that cannot be followed: said so to assistive technology (a link, unavailable),
             focusable so that a keyboard or a tap shows its target (assets/edition.js tips) -->
        <span class="tei-{local-name()}" title="{normalize-space(@target)}">
          <xsl:if test="not(f:in-link(.))">
            <xsl:attribute name="tabindex" select="0"/>
            <xsl:attribute name="role" select="'link'"/>
            <xsl:attribute name="aria-disabled" select="'true'"/>
          </xsl:if>
          <xsl:call-template name="f:lang"/>
          <xsl:sequence select="$words"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- an anchor a ref points to: an empty element that holds its id -->
  <xsl:template match="tei:anchor[@pub:anchor]" priority="1"><span id="{@pub:anchor}"></span></xsl:template>

  <!-- Empty markers with nothing to show. -->
  <!-- A space the source leaves (TEI P5 §11.4): a sign, the words around it apart (notes.xsl). -->

  <!-- Content the site cannot show (TEI P5 §3.10 graphic, media and binaryObject, §11.1): the site
       copies no image or media file and decodes no embedded data, so the page names each in its
       place (UI strings graphic-not-shown, media-not-shown, binary-not-shown), never drops it
       silently, and tei_encoder/sitemap.py object_warnings tells the publisher (file:line). A
       figure's head and figDesc, and a graphic's or media's own description, are shown as written.
       data-tei-apart: the named words are the site's, a word boundary on either side (the words
       around an image or a gap inside a word, "Wash[…]ton", stay apart for the lost-text check,
       tei_encoder/publish.py); the search index leaves them out (data-pagefind-ignore): they are
       the site's words, not the text's. -->
  <xsl:template match="tei:graphic[normalize-space(@url)] | tei:media[normalize-space(@url)]" priority="1">
    <span class="tei-{local-name()}" data-tei-apart="" data-pagefind-ignore=""><xsl:call-template name="f:ui-lang"/><xsl:value-of select="f:ui(local-name() || '-not-shown', map{'url': normalize-space(@url)})"/></span>
    <xsl:if test="normalize-space()"><xsl:text> </xsl:text><span class="tei-{local-name()}-desc"><xsl:call-template name="f:lang"/><xsl:apply-templates/></span></xsl:if>
  </xsl:template>
  <xsl:template match="tei:binaryObject" priority="1">
    <span class="tei-binaryObject" data-tei-apart="" data-pagefind-ignore="">
      <xsl:call-template name="f:ui-lang"/>
      <xsl:value-of select="if (normalize-space(@mimeType)) then f:ui('binary-not-shown', map{'type': normalize-space(@mimeType)}) else f:ui('binary-not-shown-untyped')"/>
    </span>
  </xsl:template>

  <xsl:template match="(tei:anchor | tei:graphic | tei:media | tei:binaryObject
                       | tei:link | tei:linkGrp | tei:join | tei:alt | tei:altGrp)[not(normalize-space())]"/>
  <!-- A column, gathering or other boundary (cb, gb, milestone: att.breaking, TEI P5 §3.11.3) parts
       the words on either side as a line or page break does, unless @break="no" says the word runs
       on over it; an anchor marks a point, not a break (it may stand inside a word): nothing. -->
  <xsl:template match="(tei:cb | tei:gb | tei:milestone)[not(normalize-space())]">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:roleName | tei:seg | tei:idno">
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Page breaks: a visible marker, inline inside a paragraph, on its own line between blocks. -->
  <xsl:template match="tei:pb">
    <xsl:call-template name="page-marker"/>
  </xsl:template>
  <xsl:template match="tei:pb[not(f:in-phrase(.))]">
    <p class="pb-line"><xsl:call-template name="page-marker"/></p>
  </xsl:template>
  <!-- The marker is the editor's, not the text's: the search index leaves it out, and spaces
       around it keep the words on either side apart (a phrase across the break is still found,
       as the reader's words run on "word [p. 2] word"). -->
  <xsl:template name="page-marker">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
    <!-- A break without a number (no @n) has its own words, not "[p. ]". -->
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:variable name="label" select="if ($n) then f:ui('page-label', map{'n': $n}) else f:ui('page-label-unnumbered')"/>
    <xsl:variable name="marker" select="if ($n) then f:ui('page-marker', map{'n': $n}) else f:ui('page-marker-unnumbered')"/>
    <xsl:choose>
      <!-- A page break inside a word (@break="no", TEI P5 §3.11.3), as a line break inside a word
           is shown: the marker is drawn by the stylesheet (CSS content from data-sign), so that the
           word is read, searched, copied and checked whole ("page[p. 3]joined" split it). -->
      <xsl:when test="@break = 'no'">
        <span class="pb pb-in-word" role="note" data-pagefind-ignore="" aria-label="{$label}" data-sign="{$marker}"><xsl:call-template name="f:ui-lang"/></span>
      </xsl:when>
      <xsl:otherwise>
        <!-- the marker and its label are the site's words: in the site's language (f:ui-lang) -->
        <span class="pb" role="note" data-pagefind-ignore="" aria-label="{$label}"><xsl:call-template name="f:ui-lang"/><xsl:value-of select="$marker"/></span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
</xsl:stylesheet>
