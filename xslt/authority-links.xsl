<?xml version="1.0" encoding="UTF-8"?>
<!-- Links to public authority files (Wikidata, GeoNames, VIAF) for a register entry. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:template match="entity" mode="authority-links">
    <span class="authority">
      <xsl:for-each select="idno">
        <xsl:variable name="url" select="f:authority-url(string(@type), string(.))"/>
        <xsl:if test="position() > 1">, </xsl:if>
        <xsl:choose>
          <xsl:when test="$url"><a href="{$url}" rel="external"><xsl:value-of select="f:authority-label(@type) || ' ' || ."/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="f:authority-label(@type) || ' ' || ."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </span>
  </xsl:template>
</xsl:stylesheet>
