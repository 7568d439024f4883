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

  <!-- A label's width in ems: each character by its class (narrow, half, wide, capital, other),
       near a sans-serif's advances. The label is drawn at this width (textLength), so the box it
       is placed by is the box it takes in any font. -->
  <xsl:function name="f:label-ems" as="xs:double">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="sum((0, string-to-codepoints($name) ! codepoints-to-string(.) ! (
        if (matches(., '[ijlI.,:;!|''&#x2019;]')) then 0.3
        else if (matches(., '[ftr \-()]')) then 0.4
        else if (matches(., '[mwMW]')) then 0.9
        else if (matches(., '\p{Lu}')) then 0.72
        else 0.6)))"/>
  </xsl:function>

  <xsl:template name="f:map">
    <!-- elements with @page (the entry page, from the site root), @name, @lat, @lon (and @basis, @at) -->
    <xsl:param name="places" as="element()*"/>
    <!-- an entry page's small map: one place, the whole plate, its name beside it -->
    <xsl:param name="small" as="xs:boolean" select="false()"/>
    <!-- a point on the globe: a number within ±90° and ±180° (never NaN or infinite) -->
    <xsl:variable name="points" select="$places[@lat castable as xs:double and @lon castable as xs:double]
        [abs(xs:double(@lat)) le 90 and abs(xs:double(@lon)) le 180]"/>
    <!-- no point to draw: a sentence, not an empty grid -->
    <xsl:if test="empty($points)">
      <p class="map-none" xmlns=""><xsl:value-of select="f:ui('map-none')"/></p>
    </xsl:if>
    <xsl:if test="exists($points)">
    <!-- the view: the points' extent with a margin (more on the right, where labels go), at
         least 60° by 30°, within -180…180 and the plate's 84°N…68°S, or the poles' when a point
         lies beyond; an entry page's small map shows the whole plate -->
    <xsl:variable name="lons" select="$points/@lon ! xs:double(.)"/>
    <xsl:variable name="ys" select="$points/@lat ! (0 - xs:double(.))"/>
    <xsl:variable name="top" select="max((-90, min((-84, min($ys) - 6))))"/>
    <xsl:variable name="bottom" select="min((90, max((68, max($ys) + 6))))"/>
    <xsl:variable name="x0" select="if ($small) then -180 else max((-180, min($lons) - 12))"/>
    <xsl:variable name="x1" select="if ($small) then 180 else min((180, max(($x0 + 60, max($lons) + 30))))"/>
    <xsl:variable name="y0" select="if ($small) then $top else max(($top, min($ys) - 10))"/>
    <xsl:variable name="y1" select="if ($small) then $bottom else min(($bottom, max(($y0 + 30, max($ys) + 10))))"/>
    <xsl:variable name="scale" select="($x1 - $x0) div 360"/>
    <figure class="map{if ($small) then ' map-small' else ''}" xmlns="">
      <!-- the plate is laid out left to right whatever the page's direction: a label's box is reckoned
           from its start at the left (text-anchor start) or its end at the right (end), which a
           right-to-left page (dir="rtl", inherited by SVG text) would swap, drawing each label over
           its own point and its neighbour's label ("HCuba") -->
      <svg xmlns="http://www.w3.org/2000/svg" direction="ltr" viewBox="{string-join(($x0, $y0, $x1 - $x0, $y1 - $y0) ! format-number(., '0.##'), ' ')}" role="img"
          aria-label="{if ($small) then f:ui('map-label-one', map{'place': string($points[1]/@name)}) else f:ui('map-label')}">
        <rect class="map-sea" x="{$x0}" y="{$y0}" width="{$x1 - $x0}" height="{$y1 - $y0}"/>
        <g class="map-graticule">
          <!-- every 30°, inside the view only (nothing drawn outside it) -->
          <xsl:for-each select="(-150 to 150)[. mod 30 = 0][. gt $x0 and . lt $x1]">
            <line x1="{.}" y1="{$y0}" x2="{.}" y2="{$y1}" stroke-width="{format-number(0.25 * $scale, '0.###')}"/>
          </xsl:for-each>
          <xsl:for-each select="(60, 30, 0, -30, -60)[-. gt $y0 and -. lt $y1]">
            <line x1="{$x0}" y1="{-.}" x2="{$x1}" y2="{-.}" class="{if (. = 0) then 'equator' else ''}" stroke-width="{format-number(0.25 * $scale, '0.###')}"/>
          </xsl:for-each>
        </g>
        <g class="map-points">
          <!-- Labels are placed one by one, northernmost point first: beside the point, right or
               left, or a line or more above or below (places sharing a point, a country at its
               capital, stack so), at the first spot that overlaps no point and no label placed
               before and stays in the view. A name with no free spot is left off the plate; its
               point still names it on hover and links to it. -->
          <xsl:variable name="r" select="if ($small) then 2.5 else 1.8 * $scale"/>
          <!-- an entry page's map is drawn small (24rem at most): its one label is set larger -->
          <xsl:variable name="size" select="if ($small) then 11 else 4.4 * $scale"/>
          <!-- places sharing a point (a country drawn at its capital, on the city's own point)
               are drawn side by side eastwards, each with a leader line to the true position, so
               every one can be seen and followed -->
          <!-- side by side even with a phone's larger points (r 2.4, edition.css) -->
          <xsl:variable name="apart" select="2.6 * max(($r, 2.4))"/>
          <xsl:variable name="placed" as="map(*)*">
            <xsl:for-each-group select="$points" group-by="@lat || ' ' || @lon">
              <xsl:sort select="xs:double(@lat)" order="descending"/>
              <xsl:sort select="xs:double(@lon)"/>
              <xsl:variable name="members" as="element()*">
                <xsl:perform-sort select="current-group()">
                  <xsl:sort select="@basis = 'capital'"/>
                  <xsl:sort select="@name"/>
                </xsl:perform-sort>
              </xsl:variable>
              <xsl:for-each select="$members">
                <xsl:sequence select="map{'place': ., 'lon': xs:double(@lon), 'lat': xs:double(@lat),
                    'x': xs:double(@lon) + (position() - 1) * $apart, 'y': -xs:double(@lat)}"/>
              </xsl:for-each>
            </xsl:for-each-group>
          </xsl:variable>
          <xsl:variable name="dots" as="array(xs:double)*" select="$placed ! [?x - $r, ?y - $r, ?x + $r, ?y + $r]"/>
          <!-- wider, unpainted circles under all the points: a finger's target on a small screen
               (edition.css); a point drawn over them always wins at its own centre. They repeat
               links the points give, so they are out of the tab order and hidden from readers -->
          <g class="map-hits" aria-hidden="true">
            <xsl:for-each select="$placed">
              <a href="{$root}{?place/@page}" tabindex="-1">
                <circle class="map-hit" cx="{format-number(?x, '0.##')}" cy="{format-number(?y, '0.##')}" r="{format-number(1.3 * $r, '0.###')}"/>
              </a>
            </xsl:for-each>
          </g>
          <xsl:iterate select="$placed">
            <xsl:param name="taken" as="array(xs:double)*" select="$dots"/>
            <xsl:variable name="place" select="?place" as="element()"/>
            <xsl:variable name="x" select="?x" as="xs:double"/>
            <xsl:variable name="y" select="?y" as="xs:double"/>
            <xsl:variable name="width" select="f:label-ems(string($place/@name)) * $size"/>
            <!-- the label's light halo reaches past its glyphs: kept inside the view too -->
            <xsl:variable name="halo" select="if ($small) then 1.25 else 0.4 * $scale"/>
            <xsl:variable name="spot" as="array(*)?" select="(
                for $line in (0, 1, -1, 2, -2, 3, -3), $side in (1, -1)
                return (
                  let $bx := if ($side = 1) then $x + 1.7 * $r else $x - 1.7 * $r - $width,
                      $base := $y + 0.35 * $size + $line * 1.5 * $size,
                      $box := [$bx, $base - 1.05 * $size, $bx + $width, $base + 0.45 * $size]
                  return [$box, $side, $base, $line][
                    $box(1) ge $x0 + $halo and $box(3) le $x1 - $halo and $box(2) ge $y0 and $box(4) le $y1
                    and (every $t in $taken satisfies
                         ($box(3) le $t(1) or $t(3) le $box(1) or $box(4) le $t(2) or $t(4) le $box(2)))]
                ))[1]"/>
            <xsl:variable name="stroke" select="format-number(if ($small) then 0.8 else 0.5 * $scale, '0.###')"/>
            <a href="{$root}{$place/@page}" class="map-place">
              <title><xsl:value-of select="if ($place/@basis = 'capital') then f:ui('map-point-at-capital', map{'place': string($place/@name), 'note': f:ui('at-capital', map{'name': string($place/@at)})}) else $place/@name"/></title>
              <xsl:if test="$x ne ?lon">
                <line class="map-leader map-leader-point" x1="{format-number(?lon, '0.##')}" y1="{format-number($y, '0.##')}" x2="{format-number($x, '0.##')}" y2="{format-number($y, '0.##')}" stroke-width="{$stroke}"/>
              </xsl:if>
              <circle cx="{format-number($x, '0.##')}" cy="{format-number($y, '0.##')}" r="{format-number($r, '0.###')}" stroke-width="{$stroke}"/>
              <xsl:if test="exists($spot)">
                <xsl:if test="$spot(4) ne 0">
                  <!-- a label moved off its point's line is tied to it -->
                  <line class="map-leader" x1="{format-number($x, '0.##')}" y1="{format-number($y, '0.##')}"
                      x2="{format-number(if ($spot(2) = 1) then $spot(1)(1) else $spot(1)(3), '0.##')}" y2="{format-number($spot(3) - 0.35 * $size, '0.##')}" stroke-width="{$stroke}"/>
                </xsl:if>
                <text x="{format-number(if ($spot(2) = 1) then $spot(1)(1) else $spot(1)(3), '0.##')}" y="{format-number($spot(3), '0.##')}" font-size="{format-number($size, '0.###')}" stroke-width="{format-number(if ($small) then 2.5 else 0.8 * $scale, '0.###')}"
                    textLength="{format-number($width, '0.###')}" lengthAdjust="spacingAndGlyphs">
                  <xsl:if test="$spot(2) = -1"><xsl:attribute name="text-anchor">end</xsl:attribute></xsl:if>
                  <xsl:value-of select="$place/@name"/>
                </text>
              </xsl:if>
            </a>
            <xsl:next-iteration>
              <xsl:with-param name="taken" select="($taken, $spot ! ?1)"/>
            </xsl:next-iteration>
          </xsl:iterate>
        </g>
      </svg>
      <xsl:if test="not($small)">
        <figcaption xmlns=""><xsl:value-of select="f:count('map-caption', count($places), map{'count': count($points), 'n': count($places)})"/></figcaption>
      </xsl:if>
    </figure>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
