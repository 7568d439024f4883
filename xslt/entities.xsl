<?xml version="1.0" encoding="UTF-8"?>
<!-- Entity mentions become links to their register entries (or to the external page they point
     to); dates become <time>. Where each mention links, its anchor and the name shown on hover
     are decided by tei_encoder/sitemap.py, which writes them on the TEI the page is made from
     (pub:link, pub:also, pub:nested; see its annotate): the links and the register's file names
     come from one mapping, and numbering the anchors costs one pass over the document.
     f:mention reads pub:link: an edition's own templates for mentions (match="*[@pub:link]")
     call it too. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:pub="urn:tei-encoder:publish"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <!-- f:mention and f:href are in common.xsl: every page's stylesheet has them, so an edition's
       templates for mentions compile in every page, not only in documents. -->

  <!-- Most mentions link one entry page and carry nothing else for the page (no further target,
       no language of their own, not inside another link): written as one literal element, the same
       markup as ent-link's, which does the rest (cheaper per mention, and a page has hundreds:
       pub:link is read here as f:mention reads it, without making a map). Each field is cut from
       the rest by its length (substring), not searched for again (substring-after): the string is
       read once, and each search costs Saxon as much as the element it makes. -->
  <xsl:template match="*[@pub:link]">
    <xsl:variable name="link" as="xs:string" select="string(@pub:link)"/>
    <xsl:variable name="kind" select="substring-before($link, ' ')"/>
    <xsl:choose>
      <xsl:when test="$kind and not(@pub:nested or @pub:also or @pub:inner or @xml:lang or @pub:dir)">
        <xsl:variable name="rest" select="substring($link, string-length($kind) + 2)"/>
        <xsl:variable name="href" select="substring-before($rest, ' ')"/>
        <xsl:variable name="after-href" select="substring($rest, string-length($href) + 2)"/>
        <xsl:variable name="id" select="substring-before($after-href, ' ')"/>
        <xsl:variable name="title" select="substring($after-href, string-length($id) + 2)"/>
        <!-- the marks of readings and notes inside it follow it (common.xsl f:link-words) -->
        <xsl:variable name="words" select="f:link-words(.)"/>
        <a class="ent ent-{$kind}" id="{$id}" href="{$root}{$href}">
          <xsl:if test="$title"><xsl:attribute name="title" select="$title"/></xsl:if>
          <xsl:choose>
            <xsl:when test="$words"><xsl:apply-templates select="$words" mode="f:unmarked"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
        </a>
        <xsl:sequence select="f:link-marks($words)"/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="ent-link"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- an author of the header whom the text mentions links to the entry page (pub:href) -->
  <xsl:template match="*[@pub:href]"><xsl:call-template name="ent-link"/></xsl:template>

  <xsl:template name="ent-link">
    <xsl:variable name="link" select="(f:mention(.), map{'kind': '', 'href': string(@pub:href), 'id': '', 'title': ''})[1]"/>
    <xsl:variable name="class" select="'ent ent-' || ($link?kind[.], 'link')[1]"/>
    <!-- a link's marks of readings and notes follow it (common.xsl f:link-words); a nested
         mention's stay in it, and the link around it moves them -->
    <xsl:variable name="words" select="if (@pub:nested) then () else f:link-words(.)"/>
    <xsl:element name="{if (@pub:nested) then 'span' else 'a'}">
      <xsl:attribute name="class" select="$class"/>
      <xsl:if test="$link?id"><xsl:attribute name="id" select="$link?id"/></xsl:if>
      <xsl:if test="not(@pub:nested)">
        <xsl:attribute name="href" select="f:href($link?href)"/>
        <xsl:if test="not($link?kind)"><xsl:attribute name="rel" select="'external'"/></xsl:if>
      </xsl:if>
      <xsl:if test="$link?title"><xsl:attribute name="title" select="$link?title"/></xsl:if>
      <xsl:call-template name="f:lang"/>
      <xsl:choose>
        <xsl:when test="$words"><xsl:apply-templates select="$words" mode="f:unmarked"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
    <xsl:sequence select="f:link-marks($words)"/>
    <!-- further targets of a mention that points to several, and the entities of the mentions
         inside it (pub:inner; HTML links cannot nest): links of their own after it, numbered from
         2, each named by its entity (hover and accessible name) and drawn unlike a note's number -->
    <xsl:if test="not(@pub:nested) and (@pub:also or @pub:inner)">
      <xsl:variable name="also" select="if (@pub:also) then tokenize(normalize-space(@pub:also)) else ()"/>
      <xsl:variable name="names" select="tokenize(string(@pub:also-names), '&#10;')"/>
      <xsl:variable name="inner" select="if (@pub:inner) then .//*[@pub:nested][@pub:link] else ()"/>
      <xsl:variable name="count" select="count($also) idiv 2"/>
      <span class="ent-more" data-pagefind-ignore="">
        <xsl:for-each select="1 to $count + count($inner)">
          <xsl:variable name="n" select="."/>
          <xsl:variable name="held" select="$inner[$n - $count] ! f:mention(.)"/>
          <xsl:variable name="href" select="if ($n le $count) then $also[2 * $n - 1] else $held?href"/>
          <!-- its name: the entry's; for an entity no entry describes, the id, or an inner mention's words -->
          <xsl:variable name="name" select="if ($n le $count) then ($names[$n][.], $href)[1] else ($held?title[.], normalize-space($inner[$n - $count]))[1]"/>
          <!-- its number is drawn by the style sheet from data-n (edition.css), no word of the text:
               copied, read aloud in reader mode or searched, the sentence runs on ("pair met");
               its accessible name is the label's -->
          <a class="ent-also" href="{f:href($href)}" title="{$name}" aria-label="{f:ui('also-target', map{'name': $name})}" data-n="{$n + 1}">
            <xsl:if test="$n le $count and $also[2 * $n] != '-'"><xsl:attribute name="id" select="$also[2 * $n]"/></xsl:if>
          </a>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:date">
    <xsl:choose>
      <xsl:when test="f:w3c-date(@when)">
        <time class="tei-date" datetime="{@when}"><xsl:apply-templates/></time>
      </xsl:when>
      <!-- its date value (tei_encoder/sitemap.py marks it: a span or bounds from the plain or -iso
           attributes, a whole month as a month): on hover in the words the document's date is shown
           in (pub:label: those words for a span or bounds, worded by sitemap.DateLabels as f:date-label
           does; without it, f:date-label here); without one (no ISO date in it, an end before the start) its attributes as written -->
      <xsl:when test="string(@pub:date)"><span class="tei-date" title="{if (@pub:label) then string(@pub:label) else f:date-label(@pub:date)}"><xsl:apply-templates/></span></xsl:when>
      <!-- no date the site can read (a 30 February, a malformed value, an end before the start:
           tei_encoder/sitemap.py warns of each): the text as written, with no hover that would read as one -->
      <xsl:when test="@pub:date"><span class="tei-date"><xsl:apply-templates/></span></xsl:when>
      <xsl:when test="@when"><span class="tei-date" title="{f:date-one(@when)}"><xsl:apply-templates/></span></xsl:when>
      <!-- a span or bounds: on hover in the words the document's date is shown in (f:date-label) -->
      <xsl:when test="@from or @to">
        <span class="tei-date" title="{f:date-label(string(@from) || '/' || string(@to))}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="@notBefore or @notAfter">
        <span class="tei-date" title="{f:date-label(string(@notBefore) || '..' || string(@notAfter))}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise><span class="tei-date"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a place is (TEI P5 §13.3.4): its coordinates (geo) are data for the map, never running
       text (a place of origin, a birth, a provenance's "… 1833" run on into "37.5, 15.0"): the page
       keeps them as a value only. -->
  <xsl:template match="tei:geo" priority="5">
    <data class="tei-geo" value="{normalize-space(.)}"></data>
  </xsl:template>

  <!-- The names of a place written as a structure of parts (<region>A</region> <placeName>B</placeName>
       in a place of origin, a birth, a settlement): each followed by a comma when a further part
       with words follows, as a place is written ("A, B"), not run together ("A B"). -->
  <xsl:template match="(tei:placeName | tei:settlement | tei:region | tei:country | tei:district | tei:bloc | tei:geogName)
                       [parent::tei:origPlace or parent::tei:birth or parent::tei:death or parent::tei:residence or parent::tei:place
                        or parent::tei:location or parent::tei:placeName or parent::tei:settlement or parent::tei:pubPlace or parent::tei:event]" priority="5">
    <xsl:next-match/>
    <xsl:if test="f:place-words(.) and not(../text()[normalize-space()])
                  and following-sibling::*[self::tei:placeName or self::tei:settlement or self::tei:region or self::tei:country
                                           or self::tei:district or self::tei:bloc or self::tei:geogName][f:place-words(.)]">,</xsl:if>
  </xsl:template>

  <!-- Whether a place's part has words of its own (its coordinates are none). -->
  <xsl:function name="f:place-words" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e//text()[normalize-space()][not(ancestor::tei:geo)])"/>
  </xsl:function>

  <!-- A name that links nowhere is shown as it stands (in its own language, if it has one). -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name">
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)[@xml:lang][not(@pub:link or @pub:href)]">
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
