<?xml version="1.0" encoding="UTF-8"?>
<!-- One register entry's page: name forms, authority links, back-links to every document and
     every mention. Input: <entity> with one <doc mentions="n"> per document that mentions it; its
     mentions are the anchors m-<entity id>-1 … m-<entity id>-n of the document's page. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="shell.xsl"/>
  <xsl:import href="authority-links.xsl"/>

  <xsl:template match="/entity">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="@name || ' — ' || $register-label(@kind) || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'entry-page'"/>
      <xsl:with-param name="current" select="$register-page(@kind)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/entity" mode="content">
    <xsl:variable name="entity" select="."/>
        <article class="entry" id="{@slug}">
          <p class="breadcrumb"><a href="{$root}{$register-page(@kind)}#{@slug}"><xsl:value-of select="$register-label(@kind)"/></a></p>
          <h1><xsl:value-of select="@name"/></h1>
          <xsl:if test="form[. != $entity/@name]">
            <p class="forms"><span class="field">Also as: </span><xsl:value-of select="string-join(form[. != $entity/@name], '; ')"/></p>
          </xsl:if>
          <xsl:if test="idno">
            <p><span class="field">Authority files: </span><xsl:apply-templates select="." mode="authority-links"/></p>
          </xsl:if>
          <xsl:if test="@source = 'rule'">
            <p class="note">Recognised by the encoder; not yet in an authority file.</p>
          </xsl:if>
          <h2>Mentioned in</h2>
          <ul class="backlinks">
            <xsl:for-each select="doc">
              <xsl:sort select="(@date[. != ''], '9999')[1]"/>
              <xsl:sort select="@title"/>
              <xsl:variable name="doc" select="."/>
              <li>
                <a href="{$root}{@page}"><xsl:value-of select="@title"/></a>
                <xsl:if test="@date != ''"> (<time datetime="{@date}"><xsl:value-of select="@date-text"/></time>)</xsl:if>
                <xsl:text>: </xsl:text>
                <xsl:for-each select="1 to xs:integer(@mentions)">
                  <xsl:if test=". > 1">, </xsl:if>
                  <a class="mention" href="{$root}{$doc/@page}#{$entity/@anchor}{.}" aria-label="mention {.}"><xsl:value-of select="."/></a>
                </xsl:for-each>
              </li>
            </xsl:for-each>
          </ul>
        </article>
  </xsl:template>
</xsl:stylesheet>
