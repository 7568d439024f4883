<?xml version="1.0" encoding="UTF-8"?>
<!-- Footnotes and the editor's and translator's interventions, printed as editions print them. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    exclude-result-prefixes="#all">

  <xsl:accumulator name="notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[ancestor::tei:text]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="f:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string($note/accumulator-before('notes'))"/>
  </xsl:function>

  <xsl:template match="tei:text//tei:note">
    <xsl:variable name="n" select="f:note-number(.)"/>
    <sup class="fn-ref"><a href="#fn-{$n}" id="fnref-{$n}" aria-describedby="notes-heading">
      <xsl:value-of select="(@n, $n)[1]"/></a></sup>
  </xsl:template>

  <xsl:template name="footnotes">
    <xsl:variable name="notes" select="//tei:text//tei:note"/>
    <xsl:if test="$notes">
      <section class="footnotes" aria-labelledby="notes-heading">
        <h2 id="notes-heading"><xsl:value-of select="f:ui('notes-heading')"/></h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="f:note-number(.)"/>
            <li id="fn-{$n}">
              <!-- a number of the note's own that ends in punctuation ("1.", "b)", "*") gets no full stop of ours -->
              <xsl:if test="@n"><span class="fn-mark"><xsl:value-of select="@n || (if (matches(@n, '\p{P}$')) then ' ' else '. ')"/></span></xsl:if>
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <!-- back to its mark: in the text, or after the reading the page does not print that holds it
                   (xslt/alternatives.xsl); none where no mark is made (never a link to a missing anchor) -->
              <xsl:variable name="hidden-by" select="ancestor::*[parent::tei:choice or parent::tei:app or parent::tei:rdgGrp][not(@pub:printed)]"/>
              <xsl:variable name="alt" select="$hidden-by[1]/ancestor::*[self::tei:choice or self::tei:app][1]"/>
              <xsl:choose>
                <xsl:when test="empty($hidden-by)">
                  <a class="fn-back" href="#fnref-{$n}" aria-label="{f:ui('note-back', map{'n': (@n, $n)[1]})}">&#x21A9;</a>
                </xsl:when>
                <xsl:when test="exists($alt) and /*/@pub:readings and f:listed($alt) and ($hidden-by[1] intersect f:other-readings($alt))">
                  <a class="fn-back" href="#fnref-{$n}" aria-label="{f:ui('note-back-reading', map{'n': (@n, $n)[1]})}">&#x21A9;</a>
                </xsl:when>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:sic">
    <span class="sic"><xsl:apply-templates/></span>
    <xsl:if test="not(parent::tei:choice)">
      <xsl:text> </xsl:text><span class="ed ed-sic" title="{f:ui('hover-sic')}">[sic]</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <span class="ed ed-supplied" title="{f:ui(if (@reason = 'alternate-name') then 'hover-supplied-name' else 'hover-supplied')}">[<xsl:apply-templates/>]</span>
  </xsl:template>

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

  <!-- The span of a sign: its marks as data-open and data-close (none when the UI string is empty). -->
  <xsl:template name="f:sign-span">
    <xsl:param name="sign" as="xs:string" select="f:sign(.)"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:variable name="open" select="f:ui('sign-' || $sign || '-open')"/>
    <xsl:variable name="close" select="f:ui('sign-' || $sign || '-close')"/>
    <span class="ed-sign ed-{$sign}" title="{f:sign-hover(., $sign)}">
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
    <span class="corrected" title="{f:ui('hover-corrected', map{'text': f:reading-text(tei:corr[1])})}"><xsl:apply-templates select="tei:sic/node()"/></span>
    <xsl:call-template name="reading-mark"/>
  </xsl:template>
</xsl:stylesheet>
