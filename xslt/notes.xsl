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

  <xsl:template match="tei:foreign">
    <i class="foreign" lang="{@xml:lang}">[<xsl:apply-templates/>]</i>
  </xsl:template>

  <!-- A misspelt name: as printed, with the correction on hover and in the list of readings (xslt/alternatives.xsl). -->
  <xsl:template match="tei:choice[tei:sic and tei:corr]">
    <span class="corrected" title="{f:ui('hover-corrected', map{'text': f:reading-text(tei:corr[1])})}"><xsl:apply-templates select="tei:sic/node()"/></span>
    <xsl:call-template name="reading-mark"/>
  </xsl:template>
</xsl:stylesheet>
