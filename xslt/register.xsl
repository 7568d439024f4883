<?xml version="1.0" encoding="UTF-8"?>
<!-- A register (persons, places or organisations): every entry, its name forms, authority links
     and how often it is mentioned, linking to the entry's own page. The places register starts
     with a map of the places whose position is known (@lat, @lon; see map.xsl).
     Input: <register kind="…"> with one <entity> per entry. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="shell.xsl"/>
  <xsl:import href="authority-links.xsl"/>
  <xsl:import href="map.xsl"/>

  <xsl:template match="/register">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="$register-label(@kind) || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'register-page'"/>
      <xsl:with-param name="current" select="$register-page(@kind)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/register" mode="content">
    <xsl:variable name="kind" select="string(@kind)"/>
    <xsl:variable name="entries" select="sort(entity, (), function($e) { lower-case($e/@name) })"/>
        <h1><xsl:value-of select="$register-label($kind)"/></h1>
        <p class="lead"><xsl:value-of select="f:count('register-lead', count($entries))"/></p>
        <xsl:if test="$kind = 'place' and $entries[@lat]">
          <h2><xsl:value-of select="f:ui('map-heading')"/></h2>
          <xsl:call-template name="f:map"><xsl:with-param name="places" select="$entries"/></xsl:call-template>
        </xsl:if>
        <!-- countries whose capital moved and whose documents' dates decide none: named, never placed
             at a wrong point (tei_encoder/geo.py) -->
        <xsl:variable name="unplaced" select="$entries[@unplaced = 'capital-moved']"/>
        <xsl:if test="$kind = 'place' and $unplaced">
          <p class="map-note"><xsl:value-of select="f:count('map-capital-moved', count($unplaced), map{'n': count($unplaced), 'names': string-join($unplaced/@name, f:ui('forms-separator'))})"/></p>
        </xsl:if>
        <ul class="register">
          <xsl:for-each select="$entries">
            <li id="{@slug}" class="entry">
              <a class="entry-name" href="{@page}"><xsl:call-template name="f:name-lang"/><xsl:value-of select="@name"/></a>
              <xsl:if test="@unlinked"><xsl:text> </xsl:text><span class="unlinked"><xsl:value-of select="f:ui('unlinked-entry', map{'docs': f:count('docs', xs:integer(@docs))})"/></span></xsl:if>
              <xsl:text> — </xsl:text>
              <xsl:choose>
                <!-- named only in readings the documents do not print (the entry page links to them) -->
                <xsl:when test="@mentions = '0'"><span class="counts in-reading"><xsl:value-of select="f:ui('reading-only-register', map{'docs': f:count('docs', xs:integer(@docs))})"/></span></xsl:when>
                <xsl:otherwise><span class="counts"><xsl:value-of select="f:count('docs', xs:integer(@docs)) || ', ' || f:count('mentions', xs:integer(@mentions))"/></span></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="form[. != current()/@name]">
                <span class="forms">; <xsl:value-of select="f:ui('also-as-inline')"/><xsl:call-template name="f:name-forms"><xsl:with-param name="forms" select="form[. != current()/@name]"/></xsl:call-template></span>
              </xsl:if>
              <xsl:if test="idno"><xsl:text>; </xsl:text><xsl:apply-templates select="." mode="authority-links"/></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
  </xsl:template>
</xsl:stylesheet>
