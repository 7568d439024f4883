<?xml version="1.0" encoding="UTF-8"?>
<!-- The full-text search page, around Pagefind's search UI (pagefind/ in the site, built after
     the pages). Pagefind loads its index with fetch(), which browsers refuse to pages opened from
     a file: there the page says so and points to the index page's filters (assets/edition.js). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="shell.xsl"/>

  <xsl:template match="/">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="f:ui('search-title') || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'search-page'"/>
      <xsl:with-param name="current" select="'search.html'"/>
      <xsl:with-param name="styles" select="'pagefind/pagefind-ui.css'"/>
      <xsl:with-param name="scripts" select="'pagefind/pagefind-ui.js'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="content">
    <h1><xsl:value-of select="f:ui('search-title')"/></h1>
    <p class="lead"><xsl:value-of select="f:ui('search-intro')"/></p>
    <!-- Pagefind's own words follow html lang; an edition's non-empty pagefind-* strings replace them. -->
    <xsl:variable name="translations" select="map:merge(map:keys($ui)[starts-with(., 'pagefind-')][$ui(.) instance of xs:string and $ui(.) != '']
                                               ! map{substring-after(., 'pagefind-'): $ui(.)})" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <div id="search" class="fulltext-search" data-translations="{serialize($translations, map{'method': 'json', 'indent': false()})}"></div>
    <p id="search-unavailable" class="notice" hidden=""><xsl:value-of select="f:ui('search-file')"/><xsl:text> </xsl:text><a href="{$root}index.html"><xsl:value-of select="f:ui('nav-documents')"/></a></p>
    <noscript><p class="notice"><xsl:value-of select="f:ui('search-noscript')"/></p></noscript>
  </xsl:template>
</xsl:stylesheet>
