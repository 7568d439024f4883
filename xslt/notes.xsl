<?xml version="1.0" encoding="UTF-8"?>
<!-- Footnotes and the editor's and translator's interventions, printed as editions print them. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    exclude-result-prefixes="#all">

  <!-- The notes of the text that are footnotes (TEI P5 §3.9.1): not one tei_encoder/sitemap.py
       note_warnings found empty (pub:empty, reported there), and not the note of an entry of a
       list of bibliography, persons, places, organisations or events (TEI P5 §13.3: metadata of
       the entry, shown with it). -->
  <xsl:function name="f:footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/@pub:empty) and not($note/ancestor::*[self::tei:listBibl or self::tei:listPerson
        or self::tei:listPlace or self::tei:listOrg or self::tei:listEvent or self::tei:listNym or self::tei:listObject])"/>
  </xsl:function>

  <xsl:accumulator name="notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[ancestor::tei:text][f:footnote(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="f:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string($note/accumulator-before('notes'))"/>
  </xsl:function>

  <!-- A footnote's mark: its own number (@n), or its number in sequence when it has none or when
       the notes' own numbers repeat with no chapters to tell them apart (pub:note-marks). -->
  <xsl:function name="f:note-mark" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/@n and not(root($note)/*/@pub:note-marks)) then string($note/@n) else f:note-number($note)"/>
  </xsl:function>

  <xsl:template match="tei:text//tei:note">
    <xsl:variable name="n" select="f:note-number(.)"/>
    <!-- data-pagefind-ignore: the number is the edition's, not a word of the text, and must not
         join the word it follows in the search index ("Churchill508"), as a reading's letter
         (alternatives.xsl) and a page marker (text.xsl) do not -->
    <sup class="fn-ref" data-pagefind-ignore=""><a href="#fn-{$n}" id="fnref-{$n}" aria-describedby="notes-heading">
      <xsl:value-of select="f:note-mark(.)"/></a></sup>
  </xsl:template>
  <!-- an empty note: nothing (reported by tei_encoder/sitemap.py note_warnings) -->
  <xsl:template match="tei:text//tei:note[@pub:empty]" priority="1"/>
  <!-- an entry's note (see f:footnote): with its entry, after it -->
  <xsl:template match="tei:text//tei:note[not(f:footnote(.))]" priority="0.6">
    <xsl:text> </xsl:text>
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'entry-note'"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="footnotes">
    <xsl:variable name="notes" select="//tei:text//tei:note[f:footnote(.)]"/>
    <xsl:if test="$notes">
      <section class="footnotes" aria-labelledby="notes-heading">
        <h2 id="notes-heading"><xsl:value-of select="f:ui('notes-heading')"/></h2>
        <xsl:choose>
          <!-- notes whose own numbers restart in each chapter: listed under their chapter's heading -->
          <xsl:when test="//*[@pub:notes-group]">
            <xsl:for-each-group select="$notes" group-adjacent="generate-id((ancestor::*[@pub:notes-group][1], root(.))[1])">
              <xsl:variable name="chapter" select="ancestor::*[@pub:notes-group][1]"/>
              <xsl:if test="$chapter">
                <h3 class="notes-chapter">
                  <xsl:call-template name="f:inherited-lang"><xsl:with-param name="e" select="$chapter/tei:head[1]"/></xsl:call-template>
                  <xsl:value-of select="normalize-space(string-join($chapter/tei:head[1]//text()[not(ancestor::tei:note)]))"/>
                </h3>
              </xsl:if>
              <ol><xsl:apply-templates select="current-group()" mode="footnote"/></ol>
            </xsl:for-each-group>
          </xsl:when>
          <xsl:otherwise>
            <ol><xsl:apply-templates select="$notes" mode="footnote"/></ol>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A footnote in the list of notes, with the link back to its mark. -->
  <xsl:template match="tei:note" mode="footnote">
    <xsl:variable name="n" select="f:note-number(.)"/>
    <xsl:variable name="mark" select="f:note-mark(.)"/>
    <li id="fn-{$n}">
      <!-- the anchor a ref or ptr of the text points to (tei_encoder/sitemap.py _mark_references) -->
      <xsl:if test="@pub:anchor"><span id="{@pub:anchor}"></span></xsl:if>
      <!-- a number of the note's own that ends in punctuation ("1.", "b)", "*") gets no full stop of ours -->
      <xsl:if test="@n and not(/*/@pub:note-marks)"><span class="fn-mark"><xsl:value-of select="@n || (if (matches(@n, '\p{P}$')) then ' ' else '. ')"/></span></xsl:if>
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
      <!-- back to its mark: in the text, or after the reading the page does not print that holds it
           (xslt/alternatives.xsl); none where no mark is made (never a link to a missing anchor) -->
      <xsl:variable name="hidden-by" select="ancestor::*[parent::tei:choice or parent::tei:app or parent::tei:rdgGrp][not(@pub:printed)]"/>
      <xsl:variable name="alt" select="$hidden-by[1]/ancestor::*[self::tei:choice or self::tei:app][1]"/>
      <xsl:choose>
        <xsl:when test="empty($hidden-by)">
          <a class="fn-back" href="#fnref-{$n}" aria-label="{f:ui('note-back', map{'n': $mark})}">&#x21A9;</a>
        </xsl:when>
        <xsl:when test="exists($alt) and /*/@pub:readings and f:listed($alt) and ($hidden-by[1] intersect f:other-readings($alt))">
          <a class="fn-back" href="#fnref-{$n}" aria-label="{f:ui('note-back-reading', map{'n': $mark})}">&#x21A9;</a>
        </xsl:when>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template match="tei:sic">
    <span class="sic"><xsl:apply-templates/></span>
    <xsl:if test="not(parent::tei:choice)">
      <!-- the mark is the editor's: left out of the search index, so a phrase runs on over it -->
      <xsl:text> </xsl:text><span class="ed ed-sic" data-pagefind-ignore="" title="{f:ui('hover-sic')}"><xsl:if test="not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if><xsl:call-template name="f:ui-lang"/><xsl:value-of select="f:ui('sic-mark')"/></span>
    </xsl:if>
  </xsl:template>

  <!-- Supplied text (TEI P5 §3.5.3, §11.3.1.1): in brackets; its hover says it is not in the source,
       then what the TEI says of it: its @reason (pub:reason, worded by tei_encoder/signs.py), who
       supplied it (@resp, f:resp-words) and its @source, as the other signs' hovers do (f:sign-hover). -->
  <xsl:template match="tei:supplied">
    <span class="ed ed-supplied" title="{string-join((f:ui('hover-supplied'),
        @pub:reason ! f:ui('hover-detail-reason', map{'reason': string(.)}),
        @resp[normalize-space()] ! f:ui('hover-detail-resp', map{'resp': f:resp-words(.)}),
        @source[normalize-space()] ! f:ui('hover-detail-source', map{'source': normalize-space(.)})), f:ui('hover-detail-joiner'))}"><xsl:if test="not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if>[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:key name="f:ids" match="*[@xml:id]" use="@xml:id"/>

  <!-- Who a @resp names, in words: each pointer its UI string resp-ID ("#translator": "the
       translator") where there is one, else the name of the element of the document it points to
       (a respStmt's or person's name), else the pointer as written; joined by reason-joiner. -->
  <xsl:function name="f:resp-words" as="xs:string">
    <xsl:param name="resp" as="attribute()"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($resp)) ! (
        let $id := if (starts-with(., '#')) then substring(., 2) else ., $key := 'resp-' || $id, $word := f:ui($key)
        return if ($word != $key) then $word
               else (key('f:ids', $id, root($resp))[1]/(descendant-or-self::*[self::tei:persName or self::tei:name or self::tei:orgName][1], .)[1] ! normalize-space(), .)[.][1]),
        f:ui('reason-joiner'))"/>
  </xsl:function>

  <!-- A gap (TEI P5 §11.4.1): its words, made by tei_encoder/signs.py gap_words (their one owner,
       which an entry page's context sentences quote too) and written on it as pub:words by
       tei_encoder/sitemap.py annotate: its description, else its extent and its reason ("[3 words
       illegible]", "[2–4 lines damage]"), else "[…]" (our encoder's reason "omitted" alone: the hover
       and the key say it). The hover gives its reason (pub:reason, signs.reason_words), else only
       that the passage is not transcribed. -->
  <xsl:template match="tei:gap">
    <span class="ed ed-gap" data-tei-apart="" title="{if (@reason = 'omitted') then f:ui('hover-gap-omitted')
                                    else if (@pub:reason) then f:ui('hover-gap', map{'reason': string(@pub:reason)})
                                    else f:ui('hover-gap-unknown')}">
      <xsl:if test="not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if>
      <xsl:value-of select="(@pub:words, '[&#x2026;]')[1]"/>
    </span>
  </xsl:template>

  <!-- Editorial signs (TEI P5 §3.5 simple editorial changes, §11.3 altered, damaged, unclear and
       superfluous text, hands): each such element's text in a span of its sign, whose marks before
       and after it (UI strings sign-NAME-open, sign-NAME-close) the stylesheet draws (CSS content
       from data-open, data-close), so the words stay whole for reading, search, copy and the
       lost-text check; its hover (hover-sign-NAME) adds the TEI's reason, certainty, cause and hand
       (f:sign-hover); the key lists each sign the document uses (reading.xsl). corr, reg, expan,
       abbr and orig are signed standing alone; in a choice, the choice shows them. -->
  <xsl:variable name="signed-elements" as="xs:string*"
      select="('unclear', 'damage', 'surplus', 'secl', 'restore', 'mod', 'retrace', 'ex', 'am', 'handShift', 'space')"/>
  <xsl:variable name="signed-alone" as="xs:string*" select="('corr', 'reg', 'expan', 'abbr', 'orig')"/>

  <!-- The sign an element of the text is shown with (its name, see above); '' for none. -->
  <xsl:function name="f:sign" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (namespace-uri($e) = 'http://www.tei-c.org/ns/1.0' and (local-name($e) = $signed-elements
                              or local-name($e) = $signed-alone and not($e/parent::tei:choice))) then local-name($e) else ''"/>
  </xsl:function>

  <!-- An element's hover: what its sign means, then what the TEI says of it (@reason worded by
       tei_encoder/signs.py as pub:reason, @cert by the UI strings cert-VALUE, @agent, @hand or
       a handShift's @new, a space's extent as pub:extent). -->
  <xsl:function name="f:sign-hover" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="sign" as="xs:string"/>
    <xsl:sequence select="string-join((f:ui('hover-sign-' || $sign),
        $e/@pub:reason ! f:ui('hover-detail-reason', map{'reason': string(.)}),
        $e/@cert[normalize-space()] ! f:ui('hover-detail-cert', map{'cert': let $k := 'cert-' || normalize-space(.), $v := f:ui($k) return if ($v = $k) then normalize-space(.) else $v}),
        $e/@agent[normalize-space()] ! f:ui('hover-detail-agent', map{'agent': normalize-space(.)}),
        $e/(@hand, @new)[normalize-space()][1] ! f:ui('hover-detail-hand', map{'hand': normalize-space(translate(., '#', ' '))}),
        $e/@pub:extent ! f:ui('hover-detail-extent', map{'extent': string(.)})), f:ui('hover-detail-joiner'))"/>
  </xsl:function>

  <!-- The span of a sign: its marks as data-open and data-close (none when the UI string is empty).
       Every mark of the text whose title tells something (a sign's reason, a reading) can be
       focused (tabindex="0"): a tap or the keyboard shows its title (assets/edition.js tips), which a
       hover alone would keep from a phone. -->
  <xsl:template name="f:sign-span">
    <xsl:param name="sign" as="xs:string" select="f:sign(.)"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:variable name="open" select="f:ui('sign-' || $sign || '-open')"/>
    <xsl:variable name="close" select="f:ui('sign-' || $sign || '-close')"/>
    <span class="ed-sign ed-{$sign}" title="{f:sign-hover(., $sign)}">
      <xsl:if test="not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if>
      <xsl:if test="$open"><xsl:attribute name="data-open" select="$open"/></xsl:if>
      <xsl:if test="$close"><xsl:attribute name="data-close" select="$close"/></xsl:if>
      <xsl:sequence select="$content"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:unclear | tei:damage | tei:surplus | tei:secl | tei:restore | tei:mod | tei:retrace | tei:ex | tei:am
                       | (tei:corr | tei:reg | tei:expan | tei:abbr | tei:orig)[not(parent::tei:choice)]">
    <xsl:call-template name="f:sign-span">
      <xsl:with-param name="content" as="node()*"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A change of hand (TEI P5 §11.3.2.1): its mark where it begins, the hand on hover. -->
  <xsl:template match="tei:handShift">
    <xsl:call-template name="f:sign-span"/>
  </xsl:template>

  <!-- A space left blank in the source (TEI P5 §11.4.1): its mark, the words on either side kept apart. -->
  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
    <xsl:call-template name="f:sign-span">
      <xsl:with-param name="content" as="node()*"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i class="foreign" lang="{@xml:lang}">[<xsl:apply-templates/>]</i>
  </xsl:template>

  <!-- A misspelt name: as printed, with the correction on hover and in the list of readings (xslt/alternatives.xsl). -->
  <xsl:template match="tei:choice[tei:sic and tei:corr]">
    <span class="corrected" title="{f:ui('hover-corrected', map{'text': f:reading-text(tei:corr[1])})}"><xsl:if test="not(/*/@pub:readings and f:listed(.)) and not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if><xsl:apply-templates select="tei:sic/node()"/></span>
    <xsl:call-template name="reading-mark"/>
  </xsl:template>
</xsl:stylesheet>
