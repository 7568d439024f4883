<?xml version="1.0" encoding="UTF-8"?>
<!-- Entity mentions become links to their register entries; dates become <time>. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!-- The name shown on hover, per entity: computed once per document, not once per mention. -->
  <xsl:variable name="entity-name" as="map(xs:string, xs:string)" select="map:merge(
      //(tei:person | tei:place | tei:org)[@xml:id] ! map{string(@xml:id): f:normal((*[@type = 'preferred'], *)[1])},
      map{'duplicates': 'use-first'})"/>

  <xsl:variable name="kind-of" as="map(xs:string, xs:string)"
      select="map{'persName': 'person', 'placeName': 'place', 'orgName': 'org'}"/>

  <!-- Mention anchors m-<entity>-<k>: the k-th mention of that entity in the document (abstract,
       then text). They stay the same when other parts of the text change, so register pages need
       rewriting only when an entity's mentions do. tei_encoder/publish.py counts the same way.
       A key finds an entity's mentions at once: cheaper than an accumulator updated at every
       mention, and the k of a mention is how many of them come before it. -->
  <xsl:key name="mentions" match="tei:abstract//(tei:persName | tei:placeName | tei:orgName) | tei:text//(tei:persName | tei:placeName | tei:orgName)" use="string(@ref)"/>

  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="k" select="count(key('mentions', string($mention/@ref), root($mention))[. &lt;&lt; $mention]) + 1"/>
    <xsl:sequence select="'m-' || substring-after($mention/@ref, '#') || '-' || $k"/>
  </xsl:function>

  <xsl:template match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref]">
    <xsl:variable name="kind" select="$kind-of(local-name())"/>
    <xsl:variable name="id" select="substring-after(@ref, '#')"/>
    <xsl:variable name="name" select="$entity-name($id)"/>
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
