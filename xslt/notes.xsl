<?xml version="1.0" encoding="UTF-8"?>
<!-- Footnotes and the editor's and translator's interventions, printed as editions print them. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
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
        <h2 id="notes-heading">Notes</h2>
        <ol>
          <xsl:for-each select="$notes">
            <xsl:variable name="n" select="f:note-number(.)"/>
            <li id="fn-{$n}">
              <xsl:if test="@n"><span class="fn-mark"><xsl:value-of select="@n"/>. </span></xsl:if>
              <xsl:apply-templates/>
              <xsl:text> </xsl:text>
              <a class="fn-back" href="#fnref-{$n}" aria-label="Back to the text of note {(@n, $n)[1]}">&#x21A9;</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:sic">
    <span class="sic"><xsl:apply-templates/></span>
    <xsl:if test="not(parent::tei:choice)">
      <xsl:text> </xsl:text><span class="ed ed-sic" title="sic: so in the source">[sic]</span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <span class="ed ed-supplied" title="{if (@reason = 'alternate-name') then 'another form of the name, supplied by the translator' else 'supplied by the translator'}">[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="ed ed-gap" title="{if (@reason = 'omitted') then 'omitted in the source' else 'not transcribed: ' || @reason}">
      <xsl:text>[</xsl:text>
      <xsl:value-of select="if (tei:desc) then f:normal(tei:desc) else '&#x2026;'"/>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i class="foreign" lang="{@xml:lang}">[<xsl:apply-templates/>]</i>
  </xsl:template>

  <!-- A misspelt name: as printed, with the correction on hover. -->
  <xsl:template match="tei:choice[tei:sic and tei:corr]">
    <span class="corrected" title="corrected: {f:normal(tei:corr)}"><xsl:apply-templates select="tei:sic/node()"/></span>
  </xsl:template>

  <xsl:template name="editorial-key">
    <section class="key" aria-labelledby="key-heading">
      <h2 id="key-heading">Editorial signs</h2>
      <dl>
        <dt><span class="ed">[sic]</span></dt><dd>so in the source: the preceding word is reproduced as printed</dd>
        <dt><span class="ed">[word]</span></dt><dd>supplied by the translator or editor</dd>
        <dt><span class="ed">[&#x2026;]</span></dt><dd>omitted in the source</dd>
        <dt><span class="ed">[p. 2]</span></dt><dd>page break in the original</dd>
        <dt><i class="foreign">[term]</i></dt><dd>term in the original language</dd>
        <dt><sup class="fn-ref">1</sup></dt><dd>footnote, listed under Notes</dd>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
