<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition's own templates: the build's xslt option (site/xslt) imports every *.xsl of that
     folder after the shipped stylesheets, so a template here wins. The shipped hooks (empty named
     templates: hook-head, hook-header, hook-footer, hook-document-top, hook-document-bottom) are
     the places meant for it; a strings.json beside this file changes the site's words.
     An example to change or delete: -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pub="urn:tei-encoder:publish" xmlns:f="urn:tei-encoder:functions" exclude-result-prefixes="#all">
  <xsl:template name="hook-footer">
    <p class="edition-note">An edition made with tei-encoder.</p>
  </xsl:template>

  <!-- Mentions (the elements with pub:link) are links to their entry pages; f:mention(.) says
       where one links: its kind, href, id (the anchor entry pages link to) and title; the marks
       of readings and notes inside a mention follow its link (f:link-words, f:link-marks: links
       cannot nest). To render them your own way, remove the comment marks around this template
       and change it:
  <xsl:template match="*[@pub:link]">
    <xsl:variable name="m" select="f:mention(.)"/>
    <xsl:variable name="words" select="f:link-words(.)"/>
    <a class="ent ent-{$m?kind}" href="{f:href($m?href)}" title="{$m?title}">
      <xsl:if test="$m?id"><xsl:attribute name="id" select="$m?id"/></xsl:if>
      <xsl:choose>
        <xsl:when test="$words"><xsl:apply-templates select="$words" mode="f:unmarked"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </a>
    <xsl:sequence select="f:link-marks($words)"/>
  </xsl:template>
  -->
</xsl:stylesheet>
