<?xml version="1.0" encoding="UTF-8"?>
<!-- Entity mentions become links to their register entries; dates become <time>. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:key name="entity" match="tei:person | tei:place | tei:org" use="@xml:id"/>

  <xsl:variable name="kind-of" as="map(xs:string, xs:string)"
      select="map{'persName': 'person', 'placeName': 'place', 'orgName': 'org'}"/>

  <!-- Mention anchors m-<entity>-<k>: the k-th mention of that entity in the document (abstract,
       then text). They stay the same when other parts of the text change, so register pages need
       rewriting only when an entity's mentions do. tei_encoder/publish.py counts the same way. -->
  <xsl:accumulator name="mentions" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="(tei:persName | tei:placeName | tei:orgName)[@ref][ancestor::tei:text or ancestor::tei:abstract]"
        select="map:put($value, string(@ref), ($value(string(@ref)), 0)[1] + 1)"/>
  </xsl:accumulator>

  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="'m-' || substring-after($mention/@ref, '#') || '-' || $mention/accumulator-before('mentions')(string($mention/@ref))"/>
  </xsl:function>

  <xsl:template match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref]">
    <xsl:variable name="kind" select="$kind-of(local-name())"/>
    <xsl:variable name="id" select="substring-after(@ref, '#')"/>
    <xsl:variable name="entry" select="key('entity', $id)"/>
    <xsl:variable name="name" select="f:normal(($entry/*[@type = 'preferred'], $entry/*)[1])"/>
    <a class="ent ent-{$kind}" id="{f:mention-id(.)}" href="{$root}{$register-dir($kind)}/{$id}.html" title="{$name}">
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <xsl:template match="tei:date">
    <xsl:choose>
      <xsl:when test="@when">
        <time class="tei-date" datetime="{@when}"><xsl:apply-templates/></time>
      </xsl:when>
      <xsl:when test="@notBefore and @notAfter">
        <span class="tei-date" title="between {@notBefore} and {@notAfter}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise><span class="tei-date"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
