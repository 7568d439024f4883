<?xml version="1.0" encoding="UTF-8"?>
<!-- Places on a map, as inline SVG: no tile server, no script, works offline and in print.
     A plate carrée (x = longitude, y = latitude) with a 30° graticule; each place with @lat and
     @lon is a point linking to its entry page, labelled with its name. Where a country's point is
     its capital's (@basis = 'capital'), the point's tooltip says so. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    xmlns="http://www.w3.org/2000/svg"
    exclude-result-prefixes="#all">

  <xsl:template name="f:map">
    <!-- elements with @page (the entry page, from the site root), @name, @lat, @lon (and @basis, @at) -->
    <xsl:param name="places" as="element()*"/>
    <!-- an entry page's small map: one place, no labels -->
    <xsl:param name="small" as="xs:boolean" select="false()"/>
    <xsl:variable name="points" select="$places[@lat castable as xs:double and @lon castable as xs:double]"/>
    <figure class="map{if ($small) then ' map-small' else ''}" xmlns="">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -84 360 152" role="img" aria-label="{f:ui('map-label')}">
        <rect class="map-sea" x="-180" y="-84" width="360" height="152"/>
        <g class="map-graticule">
          <xsl:for-each select="-150 to 150">
            <xsl:if test=". mod 30 = 0">
              <line x1="{.}" y1="-84" x2="{.}" y2="68"/>
            </xsl:if>
          </xsl:for-each>
          <xsl:for-each select="(-60, -30, 0, 30, 60)">
            <line x1="-180" y1="{-.}" x2="180" y2="{-.}" class="{if (. = 0) then 'equator' else ''}"/>
          </xsl:for-each>
        </g>
        <g class="map-points">
          <!-- places at one position (a country at its capital, and the capital) share a point;
               their names are stacked beside it -->
          <xsl:for-each-group select="$points" group-by="@lat || ' ' || @lon">
            <xsl:sort select="xs:double(@lat)" order="descending"/>
            <xsl:variable name="lon" select="xs:double(@lon)"/>
            <xsl:variable name="lat" select="xs:double(@lat)"/>
            <xsl:for-each select="current-group()">
              <xsl:sort select="@basis = 'capital'"/>
              <xsl:sort select="@name"/>
              <a href="{$root}{@page}" class="map-place">
                <title><xsl:value-of select="@name || (if (@basis = 'capital') then ' (' || f:ui('at-capital', map{'name': string(@at)}) || ')' else '')"/></title>
                <circle cx="{format-number($lon, '0.##')}" cy="{format-number(-$lat, '0.##')}" r="{if ($small) then 2.5 else 1.6}"/>
                <xsl:if test="not($small)">
                  <text x="{format-number($lon + 2.2, '0.##')}" y="{format-number(-$lat + 1.2 + 4.2 * (position() - 1), '0.##')}"><xsl:value-of select="@name"/></text>
                </xsl:if>
              </a>
            </xsl:for-each>
          </xsl:for-each-group>
        </g>
      </svg>
      <xsl:if test="not($small)">
        <figcaption xmlns=""><xsl:value-of select="f:ui('map-caption', map{'count': count($points), 'n': count($places)})"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>
</xsl:stylesheet>
