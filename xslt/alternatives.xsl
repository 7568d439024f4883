<?xml version="1.0" encoding="UTF-8"?>
<!-- Alternatives in the text (TEI P5 §3.5 choice, §12 critical apparatus, §11.3 additions and
     deletions): one reading is printed, the others are named on hover and in the list of readings
     after the text (a letter after the printed reading links to its entry), as a reading text
     with its apparatus would. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    exclude-result-prefixes="#all">

  <!-- Which alternative is printed is tei_encoder/sitemap.py's choice (pub:printed): what the
       source has (sic, orig, abbr) or the lemma. The others are named on hover and, for readers
       without a mouse (a touch screen, the keyboard) and for the search, in the list of readings
       after the text (template "readings"), which a letter after the printed reading links to,
       as a critical apparatus does (TEI P5 §12.1). -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(*[@pub:printed], *)[1]"/>
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-choice'"/>
      <!-- its other readings reachable without a mouse: in the list of readings (its letter links
           there), else by focus (tabindex, assets/edition.js tips) -->
      <xsl:if test="not(/*/@pub:readings and f:listed(.)) and not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if>
      <xsl:attribute name="title" select="string-join((* except $shown) ! (f:reading-label(.) || ': ' || (f:reading-text(.)[.], f:ui('hover-reading-omitted'))[1]), '; ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="$shown/node()"/>
    </xsl:element>
    <xsl:call-template name="reading-mark"/>
  </xsl:template>

  <!-- The readings of a choice (its alternatives) or an apparatus entry (lem and rdg, in a rdgGrp too). -->
  <xsl:function name="f:readings" as="element()*">
    <xsl:param name="alt" as="element()"/>
    <xsl:sequence select="if ($alt/self::tei:app) then $alt/(tei:lem | tei:rdg | tei:rdgGrp/(tei:lem | tei:rdg)) else $alt/*"/>
  </xsl:function>

  <!-- The readings of a choice or an apparatus entry that the page does not print (none: no
       entry in the list of readings, no mark). -->
  <xsl:function name="f:other-readings" as="element()*">
    <xsl:param name="alt" as="element()"/>
    <xsl:variable name="readings" select="f:readings($alt)"/>
    <xsl:sequence select="$readings except ($readings[@pub:printed], $readings)[1]"/>
  </xsl:function>

  <!-- Whether the page lists a choice's or an apparatus entry's other readings: one of the text or
       of the summary (the abstract) that has some and stands in no reading the page does not print. -->
  <xsl:function name="f:listed" as="xs:boolean">
    <xsl:param name="alt" as="element()"/>
    <xsl:sequence select="exists($alt/(ancestor::tei:text | ancestor::tei:abstract)) and exists(f:other-readings($alt))
                          and not($alt/ancestor::*[parent::tei:choice or parent::tei:app or parent::tei:rdgGrp][not(@pub:printed)])"/>
  </xsl:function>

  <!-- The words of a reading as the page would print them: of an alternative inside it, only the
       printed one (its others have an entry of their own where the page shows them). -->
  <xsl:function name="f:reading-text" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="translate(f:reading-marked($e), '&#xE000;', '')"/>
  </xsl:function>

  <!-- f:reading-text with each gap's words between two U+E000 (f:reading-words sets them apart).
       A note's words are the note's, not the reading's (its mark follows the reading: notes.xsl); a
       gap is read as the page prints it (its pub:words, tei_encoder/signs.py): a reading that is
       only a gap is never empty. -->
  <xsl:function name="f:reading-marked" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="f:normal(($e//(text()[not(ancestor::tei:gap)] | tei:gap))[not(ancestor::*[parent::tei:choice or parent::tei:app or parent::tei:rdgGrp]
                                                              [not(@pub:printed)][ancestor::* intersect $e])]
                                             [not(ancestor::tei:note[ancestor::* intersect $e])]
                                   ! (if (self::tei:gap) then '&#xE000;' || (@pub:words, '[&#x2026;]')[1] || '&#xE000;' else string(.)))"/>
  </xsl:function>

  <!-- A reading's words in the list of readings: a gap's words in a span of the site's words
       (data-tei-apart: a word boundary on either side for the lost-text check, as in the text). -->
  <xsl:function name="f:reading-words" as="node()*">
    <xsl:param name="e" as="element()"/>
    <xsl:for-each select="tokenize(f:reading-marked($e), '&#xE000;')">
      <xsl:choose>
        <xsl:when test="position() mod 2 = 0"><span class="ed ed-gap" data-tei-apart=""><xsl:value-of select="."/></span></xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- A reading's name as the list of readings and the hover print it: the UI string reading-NAME
       (NAME its TEI element; the TEI name where there is none), with its witnesses (reading-witness). -->
  <xsl:function name="f:reading-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="key" select="'reading-' || local-name($e)"/>
    <xsl:variable name="v" select="f:ui($key)"/>
    <xsl:variable name="label" select="if ($v = $key) then local-name($e) else $v"/>
    <xsl:variable name="wit" select="normalize-space(translate($e/@wit, '#', ''))"/>
    <xsl:sequence select="if ($wit) then f:ui('reading-witness', map{'label': $label, 'wit': $wit}) else $label"/>
  </xsl:function>

  <!-- The listed alternatives, numbered in document order. -->
  <xsl:accumulator name="readings" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="(tei:choice | tei:app)[f:listed(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- After a printed reading: its letter in the list of readings, a link to its entry, which
       links back to it (rdgref-N); inside a link (a mention), the letter follows the link
       (common.xsl f:link-words): links cannot nest, and the letter is a stop of its own for the
       keyboard. -->
  <xsl:template name="reading-mark">
    <xsl:if test="/*/@pub:readings and f:listed(.)">
      <xsl:variable name="n" select="accumulator-before('readings')"/>
      <xsl:variable name="mark" select="format-integer($n, 'a')"/>
      <!-- data-pagefind-ignore: the letter is the edition's, not a word of the text, and must not
           join the word it follows in the search index -->
      <sup class="rdg-ref" data-pagefind-ignore="">
        <a href="#rdg-{$n}" id="rdgref-{$n}" aria-label="{f:ui('reading-mark', map{'n': $mark})}"><xsl:value-of select="$mark"/></a>
      </sup>
    </xsl:if>
  </xsl:template>

  <!-- The list of readings the page does not print (after the text, before its notes): each entry
       the printed reading, "]" and the others, each named (UI strings reading-NAME, e.g.
       reading-corr "corrected", with the witnesses of an apparatus reading), as an apparatus
       prints them; in the page's text, so the search finds their words. -->
  <xsl:template name="readings">
    <xsl:if test="/*/@pub:readings">
      <xsl:variable name="alternatives" select="(//tei:text//(tei:choice | tei:app) | //tei:abstract//(tei:choice | tei:app))[f:listed(.)]"/>
      <xsl:if test="$alternatives">
        <section class="readings" aria-labelledby="readings-heading">
          <h2 id="readings-heading"><xsl:value-of select="f:ui('readings-heading')"/></h2>
          <ol>
            <xsl:for-each select="$alternatives">
              <xsl:variable name="n" select="accumulator-before('readings')"/>
              <xsl:variable name="readings" select="f:readings(.)"/>
              <li id="rdg-{$n}">
                <span class="rdg-mark"><xsl:value-of select="format-integer($n, 'a') || '. '"/></span>
                <xsl:variable name="shown" select="($readings[@pub:printed], $readings)[1]"/>
                <span class="rdg-shown"><xsl:call-template name="f:inherited-lang"><xsl:with-param name="e" select="$shown"/></xsl:call-template><xsl:sequence select="f:reading-words($shown)"/></span>
                <xsl:if test="normalize-space($shown/@wit)"><xsl:value-of select="' ' || normalize-space(translate($shown/@wit, '#', ''))"/></xsl:if>
                <xsl:text>] </xsl:text>
                <xsl:for-each select="f:other-readings(.)">
                  <xsl:if test="position() > 1"><xsl:text>; </xsl:text></xsl:if>
                  <span class="rdg-label"><xsl:value-of select="f:reading-label(.)"/></span>
                  <xsl:text> </xsl:text>
                  <span class="rdg-text">
                    <xsl:call-template name="f:inherited-lang"/>
                    <xsl:sequence select="if (f:reading-text(.)) then f:reading-words(.) else f:ui('hover-reading-omitted')"/>
                  </span>
                  <!-- a note inside a reading the page does not print: its mark here, its words under Notes -->
                  <xsl:for-each select=".//tei:note[ancestor::tei:text][f:footnote(.)]">
                    <xsl:variable name="fn" select="f:note-number(.)"/>
                    <sup class="fn-ref" data-pagefind-ignore=""><a href="#fn-{$fn}" id="fnref-{$fn}" aria-label="{f:ui('note-in-reading', map{'n': f:note-mark(.)})}"><xsl:value-of select="f:note-mark(.)"/></a></sup>
                  </xsl:for-each>
                </xsl:for-each>
                <!-- back to its mark in the text, as a footnote goes back to its number (notes.xsl) -->
                <xsl:text> </xsl:text>
                <a class="rdg-back" href="#rdgref-{$n}" aria-label="{f:ui('reading-back', map{'n': format-integer($n, 'a')})}">&#x21A9;</a>
              </li>
            </xsl:for-each>
          </ol>
        </section>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- An apparatus entry: the lemma (or the first reading) printed, every other reading with its
       witnesses on hover and in the list of readings. -->
  <xsl:template match="tei:app">
    <xsl:variable name="readings" select="f:readings(.)"/>
    <xsl:variable name="shown" select="($readings[@pub:printed], $readings)[1]"/>
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-app'"/>
      <!-- its other readings reachable without a mouse: in the list of readings (its letter links
           there), else by focus (tabindex, assets/edition.js tips) -->
      <xsl:if test="not(/*/@pub:readings and f:listed(.)) and not(f:in-link(.))"><xsl:attribute name="tabindex" select="0"/></xsl:if>
      <xsl:attribute name="title" select="string-join(($readings except $shown) ! (f:reading-label(.) || ': ' || (f:reading-text(.)[.], f:ui('hover-reading-omitted'))[1]), '; ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="$shown/node()"/>
      <!-- notes and witness details of the entry are shown, not hidden with the other readings -->
      <xsl:apply-templates select="* except (tei:lem | tei:rdg | tei:rdgGrp)"/>
    </xsl:element>
    <xsl:call-template name="reading-mark"/>
  </xsl:template>

  <!-- Deleted text (del, delSpan) is shown struck through but is not the reading text: the search
       index leaves it out where it stands (data-pagefind-ignore), so the words around it make the
       phrase they make once it is deleted ("She loved the music", never "hatedloved"), and holds
       its words after the text instead (template "deleted-words"): a deleted word is still found. -->
  <xsl:template match="tei:del">
    <del class="tei-del" data-pagefind-ignore=""><xsl:call-template name="f:lang"/><xsl:apply-templates/></del>
  </xsl:template>
  <xsl:template match="tei:add">
    <ins class="tei-add"><xsl:call-template name="f:lang"/><xsl:apply-templates/></ins>
  </xsl:template>
  <!-- text between a delSpan or addSpan and its spanTo target (§11.3.1.4), one piece per run of
       text, wrapped by tei_encoder/sitemap.py _mark_spans: shown as del and add are -->
  <xsl:template match="pub:span[@kind = 'del']">
    <del class="tei-del tei-delSpan" data-pagefind-ignore=""><xsl:apply-templates/></del>
  </xsl:template>
  <xsl:template match="pub:span[@kind = 'add']">
    <ins class="tei-add tei-addSpan"><xsl:apply-templates/></ins>
  </xsl:template>
  <!-- The words of the deleted text of the page's text (its del elements, see above), each apart,
       in an attribute the search index reads (data-pagefind-index-attrs) on an empty element after
       the text: found by the search, joined to no word of the reading text. Nothing when none. (A
       delSpan's text is left out of the index without this: one more walk of every page's text
       for a rare element cost more than it gives.) -->
  <xsl:template name="deleted-words">
    <xsl:param name="text" as="element()*" select="."/>
    <xsl:variable name="words" select="normalize-space(string-join($text//tei:del ! string(.), ' '))"/>
    <xsl:if test="$words">
      <span data-pagefind-index-attrs="data-deleted" data-deleted="{$words}"></span>
    </xsl:if>
  </xsl:template>

  <!-- text between a damageSpan and its spanTo target (§11.3.3.1): shown as damage is (notes.xsl) -->
  <xsl:template match="pub:span[@kind = 'damage']">
    <xsl:call-template name="f:sign-span">
      <xsl:with-param name="sign" select="'damage'"/>
      <xsl:with-param name="content" as="node()*"><xsl:apply-templates/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
