<?xml version="1.0" encoding="UTF-8"?>
<!-- The structure of the document: opener, heads, datelines, sections, paragraphs, lists, closer. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:text">
    <section class="text" aria-labelledby="text-heading" lang="{@xml:lang}">
      <h2 id="text-heading">Text</h2>
      <xsl:apply-templates select="tei:body/tei:div"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'document']">
    <div class="tei-document">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'section']">
    <section class="tei-section">
      <xsl:if test="@n"><xsl:attribute name="id" select="'section-' || replace(@n, '[^A-Za-z0-9]', '')"/></xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- The document's own heading is h3 (under the page's h2 "Text"); a section's is h4. -->
  <xsl:template match="tei:div/tei:head">
    <xsl:element name="{if (parent::tei:div[@type = 'document']) then 'h3' else 'h4'}">
      <xsl:attribute name="class" select="'tei-head'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer">
    <div class="tei-{local-name()}"><xsl:apply-templates select="*"/></div>
  </xsl:template>

  <xsl:template match="tei:opener/tei:seg | tei:opener/tei:idno">
    <p class="tei-seg tei-seg-{(@type, local-name())[1]}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:dateline | tei:salute | tei:signed">
    <p class="tei-{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:p">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:label[@type = 'speaker']">
    <b class="speaker"><xsl:apply-templates/></b>
  </xsl:template>
  <xsl:template match="tei:label">
    <span class="tei-label"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:list">
    <div class="tei-list tei-list-{@type}">
      <xsl:apply-templates select="tei:head"/>
      <ul><xsl:apply-templates select="tei:item"/></ul>
    </div>
  </xsl:template>
  <xsl:template match="tei:list/tei:head">
    <p class="list-head"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:item">
    <li><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="tei:lb"><br/></xsl:template>

  <xsl:template match="tei:roleName | tei:seg | tei:idno">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Page breaks: a visible marker, inline inside a paragraph, on its own line between blocks. -->
  <xsl:template match="tei:pb">
    <span class="pb" role="note" aria-label="Page {@n} of the original">[p. <xsl:value-of select="@n"/>]</span>
  </xsl:template>
  <xsl:template match="tei:div/tei:pb">
    <p class="pb-line"><span class="pb" role="note" aria-label="Page {@n} of the original">[p. <xsl:value-of select="@n"/>]</span></p>
  </xsl:template>
</xsl:stylesheet>
