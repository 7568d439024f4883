<?xml version="1.0" encoding="UTF-8"?>
<!-- Alternatives in the text (TEI P5 §3.5 choice, §12 critical apparatus, §11.3 additions and
     deletions): one reading is printed, the others are named on hover, as a reading text with
     its apparatus would. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    exclude-result-prefixes="#all">

  <!-- Which alternative is printed is tei_encoder/sitemap.py's choice (pub:printed): what the
       source has (sic, orig, abbr) or the lemma; the others are named on hover. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="shown" select="(*[@pub:printed], *)[1]"/>
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-choice'"/>
      <xsl:attribute name="title" select="string-join((* except $shown) ! (local-name() || ': ' || f:normal(.)), '; ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="$shown/node()"/>
    </xsl:element>
  </xsl:template>

  <!-- An apparatus entry: the lemma (or the first reading) printed, every other reading with its witnesses on hover. -->
  <xsl:template match="tei:app">
    <xsl:variable name="readings" select="tei:lem | tei:rdg | tei:rdgGrp/(tei:lem | tei:rdg)"/>
    <xsl:variable name="shown" select="($readings[@pub:printed], $readings)[1]"/>
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-app'"/>
      <xsl:attribute name="title" select="string-join(($readings except $shown) ! (string-join((local-name(), @wit ! normalize-space(.)), ' ') || ': ' || (f:normal(.)[.], f:ui('hover-reading-omitted'))[1]), '; ')"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates select="$shown/node()"/>
      <!-- notes and witness details of the entry are shown, not hidden with the other readings -->
      <xsl:apply-templates select="* except (tei:lem | tei:rdg | tei:rdgGrp)"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:del">
    <del class="tei-del"><xsl:call-template name="f:lang"/><xsl:apply-templates/></del>
  </xsl:template>
  <xsl:template match="tei:add">
    <ins class="tei-add"><xsl:call-template name="f:lang"/><xsl:apply-templates/></ins>
  </xsl:template>
  <!-- text between a delSpan or addSpan and its spanTo target (§11.3.1.4), one piece per run of
       text, wrapped by tei_encoder/sitemap.py _mark_spans: shown as del and add are -->
  <xsl:template match="pub:span[@kind = 'del']">
    <del class="tei-del tei-delSpan"><xsl:apply-templates/></del>
  </xsl:template>
  <xsl:template match="pub:span[@kind = 'add']">
    <ins class="tei-add tei-addSpan"><xsl:apply-templates/></ins>
  </xsl:template>
</xsl:stylesheet>
