<?xml version="1.0" encoding="UTF-8"?>
<!-- One page of a register entry: its first page has the name forms, authority links, dates of
     life and note from the entry and the entities mentioned most often with it; every page lists
     the mentions in some of the documents, each mention in its sentence (keyword in context),
     document by document in date order, and links to the pages before and after it.
     Input: <entity part="k" parts="n" prev="…" next="…"> (the entry's k-th page of n; prev and
     next relative to the site, when there are such pages) with, on the first page, <form>,
     <idno>, optional <birth>, <death>, <note>, and @lat/@lon for a place; one <doc mentions="n">
     per document, in the order shown, holding one <kwic> per mention (<before>, the mention <k>,
     <after>; @lang and @dir on kwic for a sentence, on k for a name, in another language; only the first @shown when a doc has it: the page counts the rest); its mentions are
     the anchors @anchor 1 … @anchor n of the document's page (mentions="0": the document names it only
     in readings it does not print, @readings the numbers of their entries in its list of readings); <with>
     for each entity often mentioned with it. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="shell.xsl"/>
  <xsl:import href="authority-links.xsl"/>
  <xsl:import href="map.xsl"/>

  <xsl:template match="/entity">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="@name || (if (xs:integer((@part, 1)[1]) gt 1) then ' — ' || f:ui('entry-part', map{'part': string(@part), 'parts': string(@parts)}) else '') || ' — ' || $register-label(@kind) || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'entry-page'"/>
      <xsl:with-param name="current" select="$register-page(@kind)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A birth, death or floruit (tei_encoder/publish.py entity_xml): its date value (@when) in the
       edition's date style (f:date-label), else its words as written, else UNKNOWN; with its place's
       names (@place) in the words of life-place. -->
  <xsl:function name="f:life-event" as="xs:string">
    <xsl:param name="event" as="element()?"/>
    <xsl:param name="unknown" as="xs:string"/>
    <!-- a span of a birth or death (from/to) is when it happened, within those bounds: worded as
         bounds ("between 1850 and 1855"), so that a lifespan never reads as three dates; a floruit
         is a span (active throughout) -->
    <xsl:variable name="when" select="if (not($event/self::floruit) and matches($event/@when, '^[^/]+/[^/]+$')) then replace($event/@when, '/', '..') else $event/@when"/>
    <xsl:variable name="date" select="if ($event/@when) then f:date-label($when) else if (normalize-space($event)) then f:date-one(string($event)) else $unknown"/>
    <xsl:sequence select="if ($event/@place) then f:ui('life-place', map{'date': $date, 'place': string($event/@place)}) else $date"/>
  </xsl:function>

  <xsl:template match="/entity" mode="content">
    <xsl:variable name="entity" select="."/>
    <!-- the words around a mention's number in its link's title, looked up once a page rather than once a
         mention (an entry page may list tens of thousands): f:ui('mention-n', map{'n': $k}) as pieces -->
    <xsl:variable name="mention-n" as="xs:string*" select="tokenize(f:ui('mention-n'), '\{n\}')"/>
        <article class="entity" id="{@slug}">
          <p class="breadcrumb"><a href="{$root}{$register-page(@kind)}#{@slug}"><xsl:value-of select="$register-label(@kind)"/></a></p>
          <h1><xsl:call-template name="f:name-lang"/><xsl:value-of select="@name"/></h1>
          <xsl:if test="birth or death">
            <p class="life"><span class="field"><xsl:value-of select="f:ui('life')"/>: </span>
              <!-- both ends, or one of them alone: a date in the words of life-born or life-died, words as
                   written (they say what they are: "born about 1880"); no dangling dash, no "?" -->
              <xsl:value-of select="if (birth and death) then f:ui('life-dates', map{'birth': f:life-event(birth, '?'), 'death': f:life-event(death, '?')})
                  else if (birth/@when) then f:ui('life-born', map{'birth': f:life-event(birth, '?')})
                  else if (death/@when) then f:ui('life-died', map{'death': f:life-event(death, '?')})
                  else f:life-event((birth, death)[1], '?')"/></p>
          </xsl:if>
          <xsl:if test="floruit">
            <p class="floruit"><span class="field"><xsl:value-of select="f:ui('floruit')"/>: </span><xsl:value-of select="f:life-event(floruit, '')"/></p>
          </xsl:if>
          <xsl:if test="note">
            <p class="entry-note"><xsl:value-of select="note"/></p>
          </xsl:if>
          <xsl:if test="form[. != $entity/@name]">
            <p class="forms"><span class="field"><xsl:value-of select="f:ui('also-as')"/></span><xsl:call-template name="f:name-forms"><xsl:with-param name="forms" select="form[. != $entity/@name]"/></xsl:call-template></p>
          </xsl:if>
          <xsl:if test="idno">
            <p><span class="field"><xsl:value-of select="f:ui('authority-files')"/></span><xsl:apply-templates select="." mode="authority-links"/></p>
          </xsl:if>
          <!-- an entity no entry describes (tei_encoder/publish.py EntityIndex: named by its mentions' words) -->
          <xsl:if test="@source = 'unresolved'">
            <p class="identifier"><span class="field"><xsl:value-of select="f:ui('identifier')"/></span><code><xsl:value-of select="@id"/></code></p>
            <xsl:if test="@name != @id"><p class="note"><xsl:value-of select="f:ui('named-by-mentions')"/></p></xsl:if>
          </xsl:if>
          <xsl:if test="@source = 'rule'">
            <p class="note"><xsl:value-of select="f:ui('rule-note')"/></p>
          </xsl:if>
          <xsl:if test="@unplaced = 'capital-moved'">
            <p class="map-note"><xsl:value-of select="f:ui('map-capital-moved-entry')"/></p>
          </xsl:if>
          <xsl:if test="@lat and @lon">
            <xsl:call-template name="f:map">
              <xsl:with-param name="places" select="."/>
              <xsl:with-param name="small" select="true()"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="with">
            <h2><xsl:value-of select="f:ui('mentioned-with')"/></h2>
            <ul class="co-mentioned">
              <xsl:for-each select="with">
                <li><a class="ent-{@kind}" href="{$root}{@page}"><xsl:call-template name="f:name-lang"/><xsl:value-of select="@name"/></a>
                  <span class="counts"> (<xsl:value-of select="f:count('docs', xs:integer(@docs))"/>)</span></li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <h2><xsl:value-of select="f:ui('mentioned-in')"/></h2>
          <xsl:apply-templates select="." mode="entry-pager"><xsl:with-param name="label" select="'entry-pages'"/></xsl:apply-templates>
          <ol class="backlinks">
            <!-- in the order given: the build pages an entry by this order (publish.EntityIndex.entry_parts) -->
            <xsl:for-each select="doc">
              <xsl:variable name="doc" select="."/>
              <li class="backlink">
                <p class="backlink-doc">
                  <a href="{$root}{@page}"><xsl:call-template name="f:quoted-lang"><xsl:with-param name="lang" select="@title-lang"/><xsl:with-param name="dir" select="@title-dir"/></xsl:call-template><xsl:value-of select="f:dashes(@title)"/></a>
                  <xsl:text> </xsl:text>
                  <!-- undated documents are listed too, last, and say so -->
                  <xsl:choose>
                    <xsl:when test="@date != ''"><span class="doc-date">(<xsl:sequence select="f:date-html(@date)"/>)</span></xsl:when>
                    <xsl:otherwise><span class="doc-date undated">(<xsl:value-of select="f:ui('undated')"/>)</span></xsl:otherwise>
                  </xsl:choose>
                </p>
                <!-- named there only in readings the page does not print: said so, with a link to
                     each reading's entry in the page's list of readings (@readings: their numbers) -->
                <xsl:if test="@mentions = '0'">
                  <p class="in-reading">
                    <xsl:variable name="readings" select="tokenize(@readings)"/>
                    <xsl:choose>
                      <xsl:when test="exists($readings)">
                        <xsl:variable name="words" select="tokenize(f:ui('reading-only-entry'), '\{readings\}')"/>
                        <xsl:value-of select="$words[1]"/>
                        <xsl:for-each select="$readings">
                          <xsl:if test="position() > 1"><xsl:value-of select="f:ui('readings-joiner')"/></xsl:if>
                          <a href="{$root}{$doc/@page}#rdg-{.}"><xsl:value-of select="f:ui('reading-mark', map{'n': format-integer(xs:integer(.), 'a')})"/></a>
                        </xsl:for-each>
                        <xsl:value-of select="$words[2]"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="f:ui('reading-only-entry-unlisted')"/></xsl:otherwise>
                    </xsl:choose>
                  </p>
                </xsl:if>
                <xsl:if test="@mentions != '0'">
                  <ol class="kwic">
                    <!-- the snippets are the document's words: its language, not the site's -->
                    <xsl:call-template name="f:quoted-lang"/>
                    <xsl:variable name="target" select="$root || @page || '#' || $entity/@anchor"/>
                    <xsl:variable name="contexts" select="kwic"/>
                    <!-- the first @shown when the page lists no more of this document's (publish.py
                         caps them: site.json entry_mentions_per_document); the rest counted below -->
                    <xsl:for-each select="1 to xs:integer((@shown, @mentions)[1])">
                      <xsl:variable name="k" select="."/>
                      <xsl:variable name="context" select="$contexts[$k]"/>
                      <xsl:variable name="before" select="string($context/before)"/>
                      <xsl:variable name="keyword" select="string($context/k)"/>
                      <xsl:variable name="after" select="string($context/after)"/>
                      <li>
                        <!-- a sentence in another language than its document's, a name in another than
                             its sentence's (xml:lang in the TEI: kwic/@lang, k/@lang, with their dir) -->
                        <xsl:if test="$context/@lang">
                          <xsl:attribute name="lang" select="$context/@lang"/>
                          <xsl:if test="$context/@dir != $doc/@dir"><xsl:attribute name="dir" select="$context/@dir"/></xsl:if>
                        </xsl:if>
                        <!-- each part's dashes as in the whole sentence -->
                        <xsl:value-of select="f:dashes('', $before, $keyword || $after)"/>
                        <a class="mention" href="{$target}{$k}" title="{string-join($mention-n, string($k))}">
                          <xsl:for-each select="$context/k[@lang]">
                            <xsl:attribute name="lang" select="@lang"/>
                            <xsl:if test="@dir != ($context/@dir, $doc/@dir)[1]"><xsl:attribute name="dir" select="@dir"/></xsl:if>
                          </xsl:for-each><xsl:value-of select="if ($context) then f:dashes($before, $keyword, $after) else f:ui('mention-n', map{'n': $k})"/></a>
                        <xsl:value-of select="f:dashes($before || $keyword, $after, '')"/>
                      </li>
                    </xsl:for-each>
                    <xsl:if test="@shown">
                      <xsl:variable name="more" select="xs:integer(@mentions) - xs:integer(@shown)"/>
                      <li class="kwic-more"><a href="{$target}{xs:integer(@shown) + 1}"><xsl:value-of select="f:count('mentions-more', $more)"/></a></li>
                    </xsl:if>
                  </ol>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
          <xsl:apply-templates select="." mode="entry-pager"><xsl:with-param name="label" select="'entry-pages-end'"/></xsl:apply-templates>
        </article>
  </xsl:template>

  <!-- lang and dir of a document's words quoted here (its title, its sentences), from the <doc>'s
       @lang/@dir (@title-lang/@title-dir; tei_encoder/sitemap.py document_languages): lang=""
       when the language is unknown, so the site's own language never stands for it; dir when it
       differs from the page's, "auto" when unknown. -->
  <xsl:template name="f:quoted-lang">
    <xsl:param name="lang" select="@lang"/>
    <xsl:param name="dir" select="@dir"/>
    <xsl:attribute name="lang" select="string($lang)"/>
    <xsl:if test="$dir and $dir != (if (f:ui('dir') = 'rtl') then 'rtl' else 'ltr')"><xsl:attribute name="dir" select="$dir"/></xsl:if>
  </xsl:template>

  <!-- the links between the pages of an entry of more than one page: first, previous, which page, next -->
  <xsl:template match="entity[xs:integer((@parts, 1)[1]) gt 1]" mode="entry-pager">
    <xsl:param name="label" as="xs:string"/>
    <nav class="entry-pager" aria-label="{f:ui($label)}">
      <xsl:if test="@prev">
        <xsl:if test="@prev != @page"><a href="{$root}{@page}" rel="first"><xsl:value-of select="f:ui('entry-first')"/></a><xsl:text> </xsl:text></xsl:if>
        <a href="{$root}{@prev}" rel="prev"><xsl:value-of select="f:ui('entry-prev')"/></a><xsl:text> </xsl:text>
      </xsl:if>
      <span class="entry-part"><xsl:value-of select="f:ui('entry-part', map{'part': string(@part), 'parts': string(@parts)})"/></span>
      <xsl:if test="@next">
        <xsl:text> </xsl:text><a href="{$root}{@next}" rel="next"><xsl:value-of select="f:ui('entry-next')"/></a>
      </xsl:if>
    </nav>
  </xsl:template>
  <xsl:template match="entity" mode="entry-pager">
    <xsl:param name="label" as="xs:string"/>
  </xsl:template>
</xsl:stylesheet>
