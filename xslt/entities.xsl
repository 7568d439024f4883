<?xml version="1.0" encoding="UTF-8"?>
<!-- Entity mentions become links to their register entries (or to the external page they point
     to); dates become <time>. Where each mention links, its anchor and the name shown on hover
     are decided by tei_encoder/sitemap.py, which writes them on the TEI the page is made from
     (pub:href, pub:id, pub:also, pub:title, pub:kind): the links and the register's file names
     come from one mapping, and numbering the anchors costs one pass over the document. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:pub="urn:tei-encoder:publish"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <!-- Entry pages are relative to the site root; an external target is a full http(s) URL. -->
  <xsl:function name="f:href" as="xs:string">
    <xsl:param name="target" as="xs:string"/>
    <!-- an entry page's path (most targets) is told apart by its first letters, before the regex -->
    <xsl:sequence select="if (lower-case(substring($target, 1, 4)) = 'http' and f:is-safe-url($target)) then $target else $root || $target"/>
  </xsl:function>

  <!-- Most mentions link one entry page and carry nothing else for the page (no further target,
       no language of their own, not inside another link): written as one literal element, the same
       markup as ent-link's, which does the rest (cheaper per mention, and a page has hundreds). -->
  <xsl:template match="*[@pub:href]">
    <xsl:choose>
      <xsl:when test="@pub:kind and @pub:id and @pub:title and not(@pub:nested or @pub:also or @xml:lang or @pub:dir)">
        <a class="ent ent-{@pub:kind}" id="{@pub:id}" href="{$root}{@pub:href}" title="{@pub:title}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="ent-link"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ent-link">
    <xsl:variable name="class" select="'ent ent-' || (@pub:kind, 'link')[1]"/>
    <xsl:element name="{if (@pub:nested) then 'span' else 'a'}">
      <xsl:attribute name="class" select="$class"/>
      <xsl:if test="@pub:id"><xsl:attribute name="id" select="@pub:id"/></xsl:if>
      <xsl:if test="not(@pub:nested)">
        <xsl:attribute name="href" select="f:href(@pub:href)"/>
        <xsl:if test="not(@pub:kind)"><xsl:attribute name="rel" select="'external'"/></xsl:if>
      </xsl:if>
      <xsl:if test="@pub:title"><xsl:attribute name="title" select="@pub:title"/></xsl:if>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
    <!-- further targets of a mention that points to several: numbered links after it -->
    <xsl:variable name="also" select="if (@pub:also) then tokenize(normalize-space(@pub:also)) else ()"/>
    <xsl:if test="exists($also) and not(@pub:nested)">
      <sup class="ent-more">
        <xsl:for-each select="1 to count($also) idiv 2">
          <xsl:variable name="href" select="$also[2 * current() - 1]"/>
          <xsl:variable name="id" select="$also[2 * current()]"/>
          <xsl:if test=". > 1"><xsl:text> </xsl:text></xsl:if>
          <a href="{f:href($href)}">
            <xsl:if test="$id != '-'"><xsl:attribute name="id" select="$id"/></xsl:if>
            <xsl:value-of select=". + 1"/>
          </a>
        </xsl:for-each>
      </sup>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:date">
    <xsl:choose>
      <xsl:when test="matches(@when, '^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$')">
        <time class="tei-date" datetime="{@when}"><xsl:apply-templates/></time>
      </xsl:when>
      <xsl:when test="@notBefore and @notAfter">
        <span class="tei-date" title="{f:ui('date-between', map{'from': f:date-label(@notBefore), 'to': f:date-label(@notAfter)})}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="@when"><span class="tei-date" title="{f:date-label(@when)}"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise><span class="tei-date"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name that links nowhere is shown as it stands (in its own language, if it has one). -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name">
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)[@xml:lang][not(@pub:href)]">
    <xsl:element name="{f:html-name(., 'span')}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
