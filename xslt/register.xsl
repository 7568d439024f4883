<?xml version="1.0" encoding="UTF-8"?>
<!-- A register (persons, places or organisations): each entry with its name forms, authority
     links and back-links to every document and mention. Input: the edition summary. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="shell.xsl"/>

  <xsl:param name="kind" as="xs:string" select="'person'"/>

  <xsl:key name="mentions" match="mention" use="@kind || ' ' || @ref"/>

  <xsl:template match="/edition">
    <xsl:variable name="edition" select="."/>
    <xsl:variable name="entries" select="sort(entity[@kind = $kind], (), function($e) { lower-case($e/@name) })"/>
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="$register-label($kind) || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'register-page'"/>
      <xsl:with-param name="current" select="$register-page($kind)"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$register-label($kind)"/></h1>
        <p class="lead"><xsl:value-of select="count($entries)"/> entries. Each lists the forms of the name met in the documents, identifiers in public authority files where they are known, and every mention.</p>
        <xsl:for-each select="$entries">
          <xsl:variable name="entity" select="."/>
          <xsl:variable name="mentions" select="key('mentions', $kind || ' ' || @id, $edition)"/>
          <section class="entry" id="{@id}" aria-labelledby="h-{@id}">
            <h2 id="h-{@id}"><xsl:value-of select="@name"/></h2>
            <xsl:if test="form[. != $entity/@name]">
              <p class="forms"><span class="field">Also as: </span><xsl:value-of select="string-join(form[. != $entity/@name], '; ')"/></p>
            </xsl:if>
            <xsl:if test="idno">
              <p class="authority"><span class="field">Authority files: </span>
                <xsl:for-each select="idno">
                  <xsl:variable name="url" select="f:authority-url(string(@type), string(.))"/>
                  <xsl:if test="position() > 1">, </xsl:if>
                  <xsl:choose>
                    <xsl:when test="$url"><a href="{$url}" rel="external"><xsl:value-of select="f:authority-label(@type) || ' ' || ."/></a></xsl:when>
                    <xsl:otherwise><xsl:value-of select="f:authority-label(@type) || ' ' || ."/></xsl:otherwise>
                  </xsl:choose>
                </xsl:for-each>
              </p>
            </xsl:if>
            <xsl:if test="@source = 'rule'">
              <p class="note">Recognised by the encoder; not yet in an authority file.</p>
            </xsl:if>
            <h3>Mentioned in</h3>
            <ul class="backlinks">
              <xsl:for-each-group select="$mentions" group-by="../@id">
                <xsl:variable name="doc" select="current-group()[1]/.."/>
                <li>
                  <a href="{$doc/@page}"><xsl:value-of select="$doc/title"/></a>
                  <xsl:if test="$doc/@date != ''"> (<time datetime="{$doc/@date}"><xsl:value-of select="$doc/@date-text"/></time>)</xsl:if>
                  <xsl:text>: </xsl:text>
                  <xsl:for-each select="current-group()">
                    <xsl:if test="position() > 1">, </xsl:if>
                    <a class="mention" href="{$doc/@page}#{@anchor}" aria-label="mention {position()} of {$entity/@name} in {$doc/title}"><xsl:value-of select="position()"/></a>
                  </xsl:for-each>
                </li>
              </xsl:for-each-group>
            </ul>
          </section>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
