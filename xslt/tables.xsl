<?xml version="1.0" encoding="UTF-8"?>
<!-- Tables (TEI P5 §14.1): head as caption, row and cell as tr and td (th for label rows and
     cells), spans from @cols/@rows. What else a table holds (a page break, a note, stray text)
     gets a row of its own, so an HTML table holds rows only and nothing is lost. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <!-- The box a wide table scrolls in: a region a keyboard can reach and scroll (tabindex), named
       by the UI strings (table-box, or table-box-named with the table's heading). -->
  <xsl:template match="tei:table">
    <xsl:variable name="head" select="normalize-space(string-join(tei:head, ' '))"/>
    <div class="tei-table" role="region" tabindex="0"
         aria-label="{if ($head) then f:ui('table-box-named', map{'name': $head}) else f:ui('table-box')}">
      <xsl:call-template name="f:lang"/>
      <table>
        <xsl:if test="tei:head">
          <caption>
            <xsl:for-each select="tei:head">
              <xsl:if test="position() > 1"><br/></xsl:if>
              <xsl:apply-templates/>
            </xsl:for-each>
          </caption>
        </xsl:if>
        <tbody>
          <xsl:for-each select="node()[not(self::tei:head)][self::* or normalize-space()]">
            <xsl:choose>
              <xsl:when test="self::tei:row"><xsl:apply-templates select="."/></xsl:when>
              <xsl:otherwise>
                <tr class="tei-table-part"><td colspan="{min((1000, max((1, ../tei:row ! sum(tei:cell ! f:span(@cols))))))}"><xsl:apply-templates select="."/></td></tr>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- A positive whole number of columns or rows; anything else counts as 1. -->
  <xsl:function name="f:span" as="xs:integer">
    <xsl:param name="value" as="attribute()?"/>
    <xsl:sequence select="if ($value castable as xs:integer and xs:integer($value) ge 1) then min((xs:integer($value), 1000)) else 1"/>
  </xsl:function>

  <xsl:template match="tei:row">
    <tr>
      <xsl:if test="@role = 'label'"><xsl:attribute name="class" select="'label'"/></xsl:if>
      <xsl:call-template name="f:lang"/>
      <xsl:for-each select="node()[self::* or normalize-space()]">
        <xsl:choose>
          <xsl:when test="self::tei:cell"><xsl:apply-templates select="."/></xsl:when>
          <xsl:otherwise><td class="tei-row-part"><xsl:apply-templates select="."/></td></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:if test="f:span(@cols) gt 1"><xsl:attribute name="colspan" select="f:span(@cols)"/></xsl:if>
      <xsl:if test="f:span(@rows) gt 1"><xsl:attribute name="rowspan" select="f:span(@rows)"/></xsl:if>
      <xsl:call-template name="f:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
