<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared functions and parameters for every page of the edition. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    exclude-result-prefixes="#all">

  <!-- Relative path from the page to the site root ("" for top-level pages, "../" for documents). -->
  <xsl:param name="root" as="xs:string" select="''"/>
  <xsl:param name="edition-title" as="xs:string" select="'Documents of the Cold War: a TEI edition'"/>

  <!-- The site's registers, owned by tei_encoder/sitemap.py (from tei_encoder/tei.py's kinds):
       {"registers": [{"kind", "folder", "page"}, ...]} as JSON, passed by Python; their labels
       are the UI strings register-<kind> (ui.xsl). Entry pages' file names come from Python in
       the input, never made here. -->
  <xsl:param name="site" as="xs:string" required="yes"/>
  <!-- The registers as maps: tei_encoder/publish.py passes them parsed once per process (parsing
       $site for every page cost more than a page's footer); given only $site, they are parsed here. -->
  <xsl:param name="registers" as="map(*)*" select="array:flatten(parse-json($site)?registers)"/>
  <xsl:variable name="register-page" as="map(xs:string, xs:string)"
      select="map:merge($registers ! map{?kind: ?page})"/>
  <xsl:variable name="register-label" as="map(xs:string, xs:string)"
      select="map:merge($registers ! map{?kind: f:ui('register-' || ?kind)})"/>

  <!-- Fallback: text is copied (the serializer escapes it): the node itself, not a new one made
       from its string value (the same page; cheaper by the node, and a page has hundreds). -->
  <xsl:template match="text()"><xsl:sequence select="."/></xsl:template>

  <!-- Only http(s) URLs ever become links: a javascript: or data: URL from a record stays text. -->
  <xsl:function name="f:is-safe-url" as="xs:boolean">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="exists($url) and matches($url, '^https?://[^\s&quot;&lt;&gt;]+$', 'i')"/>
  </xsl:function>

  <xsl:function name="f:normal" as="xs:string">
    <xsl:param name="nodes" as="item()*"/>
    <xsl:sequence select="normalize-space(string-join($nodes ! string(.), ''))"/>
  </xsl:function>

  <!-- A name or text as printed: corrections (corr) left out, whitespace normalised. The same rule as
       tei_encoder/tei.py surface_text, which the Python stages use. -->
  <xsl:function name="f:surface-text" as="xs:string">
    <xsl:param name="el" as="node()?"/>
    <xsl:sequence select="f:normal(string-join($el//text()[not(ancestor::tei:corr)]))"/>
  </xsl:function>

  <!-- JSON for a <script> element: "<" escaped so no text can close the element. -->
  <xsl:function name="f:script-json" as="xs:string">
    <xsl:param name="value" as="item()"/>
    <xsl:sequence select="replace(serialize($value, map{'method': 'json', 'indent': false()}), '&lt;', '\\u003c')"/>
  </xsl:function>

  <xsl:function name="f:authority-url" as="xs:string?">
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="
      if ($type = 'wikidata' and matches($value, '^Q\d+$')) then 'https://www.wikidata.org/wiki/' || $value
      else if ($type = 'geonames' and matches($value, '^\d+$')) then 'https://www.geonames.org/' || $value
      else if ($type = 'viaf' and matches($value, '^\d+$')) then 'https://viaf.org/viaf/' || $value
      else ()"/>
  </xsl:function>

  <xsl:function name="f:authority-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="(map{'wikidata': 'Wikidata', 'geonames': 'GeoNames', 'viaf': 'VIAF'}($type), $type)[1]"/>
  </xsl:function>

  <!-- What a linked mention links to (its first target; pub:also has the others), from its
       pub:link: map{'kind': person, place or org ('' for an external link), 'href': the entry
       page relative to the site root, or the external http(s) URL (f:href makes a link of either
       from the page), 'id': the mention's anchor on the page ('' for an external link), 'title':
       the entity's preferred name ('' when it has none)}; () for an element that links nowhere. -->
  <xsl:function name="f:mention" as="map(xs:string, xs:string)?">
    <xsl:param name="m" as="element()"/>
    <xsl:sequence select="$m/@pub:link ! (
      let $kind := substring-before(., ' '), $rest := substring-after(., ' '), $after-href := substring-after($rest, ' ')
      return map{'kind': $kind, 'href': substring-before($rest, ' '), 'id': substring-before($after-href, ' '),
                 'title': substring-after($after-href, ' ')})"/>
  </xsl:function>

  <!-- Whether an element of the text stands inside a link (a mention's, a reference's: the elements
       tei_encoder/sitemap.py gave pub:link, pub:href or pub:to): a mark there takes no tab stop of its
       own (HTML allows no element with tabindex inside an a; the link is the stop), and its title
       still shows on hover. -->
  <xsl:function name="f:in-link" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::*[@pub:link or @pub:href or @pub:to])"/>
  </xsl:function>

  <!-- Reference marks inside a link (a reading's letter, alternatives.xsl; a note's number,
       notes.xsl) are links of their own, and HTML links cannot nest (a letter inside a name's link
       is no stop for the keyboard): a link's words are made first (f:link-words), the link holds
       them without the marks (mode f:unmarked) and the marks follow it in their order
       (f:link-marks). Here, not in layout.xsl, so that an edition's template for mentions compiles in
       every page kind, as f:mention does. Only an element holding a note, or a choice or apparatus entry on a page
       that lists readings, is made this way; for any other f:link-words is empty and the link's
       template applies templates to its content as usual. An edition's template for a link
       (*[@pub:link]) does the same to keep its marks reachable. -->
  <xsl:function name="f:link-words" as="document-node()?">
    <xsl:param name="e" as="element()"/>
    <xsl:if test="$e/* and ($e//tei:note or $e/root()/*/@pub:readings and $e//(tei:choice | tei:app))">
      <xsl:document><xsl:apply-templates select="$e/node()"/></xsl:document>
    </xsl:if>
  </xsl:function>
  <xsl:function name="f:link-marks" as="element()*">
    <xsl:param name="words" as="node()*"/>
    <xsl:sequence select="$words/descendant-or-self::sup[tokenize(@class) = ('rdg-ref', 'fn-ref')]"/>
  </xsl:function>
  <xsl:mode name="f:unmarked" on-no-match="shallow-copy"/>
  <xsl:template match="sup[tokenize(@class) = ('rdg-ref', 'fn-ref')]" mode="f:unmarked"/>

  <!-- Entry pages are relative to the site root; an external target is a full http(s) URL. -->
  <xsl:function name="f:href" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <!-- an entry page's path (most targets) is told apart by its first letters, before the regex -->
    <xsl:sequence select="if (lower-case(substring($target, 1, 4)) = 'http' and f:is-safe-url($target)) then $target else $root || $target"/>
  </xsl:function>


  <!-- lang and dir of a name on an entry or register page (entity, with, form: @name-script,
       @name-lang, @name-dir from tei_encoder/publish.py EntityIndex.name_language), only where its
       letters are of another script than the page's words (UI value script, made from them), or
       a document gives the name its own language (@name-own: xml:lang on the name, in any script):
       lang="" when its language is unknown, so the site's never stands for it. -->
  <xsl:template name="f:name-lang">
    <xsl:if test="@name-script and (@name-script != f:ui('script') or @name-own)">
      <xsl:attribute name="lang" select="@name-lang"/>
      <xsl:attribute name="dir" select="@name-dir"/>
    </xsl:if>
  </xsl:template>

  <!-- A list of name forms (FORMS, form elements), separated as the UI says, each in its own
       language and direction where its script is not the page's (f:name-lang). -->
  <xsl:template name="f:name-forms">
    <xsl:param name="forms" as="element()*"/>
    <xsl:for-each select="$forms">
      <xsl:if test="position() gt 1"><xsl:value-of select="f:ui('forms-separator')"/></xsl:if>
      <xsl:choose>
        <xsl:when test="@name-script and @name-script != f:ui('script')"><span><xsl:call-template name="f:name-lang"/><xsl:value-of select="."/></span></xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
