<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition's front page: every document in date order, with filters and a text search.
     Input: <edition> with one <doc> per document (from the per-document summaries). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:f="urn:tei-encoder:functions"
    exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="shell.xsl"/>

  <xsl:template match="/edition">
    <xsl:call-template name="f:page">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="page-class" select="'index-page'"/>
      <xsl:with-param name="current" select="'index.html'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/edition" mode="content">
    <xsl:variable name="docs" as="element(doc)*">
      <xsl:perform-sort select="doc">
        <xsl:sort select="f:date-year(@date)" data-type="number"/>
        <xsl:sort select="f:date-start(@date)"/>
        <xsl:sort select="title"/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:variable name="names" as="map(xs:string, xs:string)" select="map:merge(entity ! map{string(@id): string(@name) || (if (@unlinked) then ' ' || f:ui('unlinked-entry', map{'docs': f:count('docs', xs:integer(@unlinked))}) else '')})"/>
        <h1><xsl:value-of select="$edition-title"/></h1>
        <p class="lead"><xsl:value-of select="f:count('index-lead', count($docs))"/>
          <xsl:if test="$search-page = 'yes'"><xsl:text> </xsl:text><a href="{$root}search.html"><xsl:value-of select="f:ui('fulltext-link')"/></a></xsl:if></p>
        <form class="filters" role="search" aria-label="{f:ui('filter-label')}" hidden="" data-count="{f:plural-forms('filter-count')}" data-fold="{serialize(parse-json($site)?folding, map{'method': 'json'})}">
          <div>
            <label for="q"><xsl:value-of select="f:ui('filter-q')"/></label>
            <input type="search" id="q" name="q" autocomplete="off"/>
          </div>
          <!-- years in order as numbers (-0100 before -0044 before 1962), one before the common era named as the dates name it -->
          <xsl:variable name="years" select="sort(distinct-values($docs/@year[. != ''] ! string()), (), function($y) { if ($y castable as xs:integer) then xs:integer($y) else 0 })"/>
          <xsl:call-template name="select">
            <xsl:with-param name="id" select="'year'"/>
            <xsl:with-param name="label" select="f:ui('filter-year')"/>
            <xsl:with-param name="options" select="$years"/>
            <xsl:with-param name="names" select="map:merge($years[starts-with(., '-') or starts-with(., '0')] ! map{.: f:date-one(.)})"/>
          </xsl:call-template>
          <xsl:for-each select="('person', 'place')">
            <xsl:variable name="kind" select="."/>
            <xsl:call-template name="select">
              <xsl:with-param name="id" select="$kind"/>
              <xsl:with-param name="label" select="f:ui('filter-' || $kind)"/>
              <xsl:with-param name="options" select="sort(root($docs[1])/edition/entity[@kind = $kind], (), function($e) { lower-case($e/@name) }) ! string(@id)"/>
              <xsl:with-param name="names" select="$names"/>
            </xsl:call-template>
          </xsl:for-each>
          <p class="count" aria-live="polite" id="result-count"></p>
        </form>
        <ol class="doc-list" id="doc-list">
          <xsl:for-each select="$docs">
            <li class="doc-item" data-id="{@id}" data-year="{@year}" data-person="{@persons}" data-place="{@places}">
              <article>
                <!-- a title in another script than the site's (an Arabic one on an English site, or
                     the reverse) takes its direction from its own first letters -->
                <h2><a href="{@page}" dir="auto"><xsl:value-of select="f:dashes(title)"/></a></h2>
                <p class="doc-date">
                  <!-- one style for every date, from the ISO value (the text as printed is on the document's page) -->
                  <xsl:choose>
                    <xsl:when test="@date != ''"><xsl:sequence select="f:date-html(@date)"/></xsl:when>
                    <!-- no date the site can read (none in ISO form, a 30 February): the text as printed, as on the document's page -->
                    <xsl:when test="@date-text != ''"><xsl:value-of select="@date-text"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="f:ui('undated')"/></xsl:otherwise>
                  </xsl:choose>
                </p>
                <xsl:if test="normalize-space(summary)"><p class="doc-summary" dir="auto"><xsl:value-of select="f:dashes(string(summary), verbatim ! string())"/></p></xsl:if>
              </article>
            </li>
          </xsl:for-each>
        </ol>
        <script type="application/json" id="search-index">
          <!-- the text the filter searches is the text as shown (dashes set as on the page), and
               the names of the document's persons, places and organisations and its date (as the
               index shows it, as printed, and its ISO value) -->
          <xsl:variable name="entity-name" as="map(xs:string, xs:string)" select="map:merge(entity ! map{string(@id): string(@name)})"/>
          <xsl:value-of select="f:script-json(array{ $docs ! map{'id': string(@id), 'title': f:dashes(string(title)),
            'summary': f:dashes(normalize-space(summary), verbatim ! string()), 'year': string(@year),
            'names': string-join(distinct-values(tokenize(@persons || ' ' || @places || ' ' || @orgs) ! $entity-name(.)), ' | '),
            'date': string-join(distinct-values(((if (@date != '') then f:date-label(@date) else ()), string(@date-text), string(@date))[.]), ' | ')} })"/>
        </script>
  </xsl:template>

  <xsl:template name="select">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="options" as="xs:string*"/>
    <xsl:param name="names" as="map(*)"/>
    <div>
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <select id="{$id}" name="{$id}">
        <option value=""><xsl:value-of select="f:ui('filter-all')"/></option>
        <xsl:for-each select="$options">
          <option value="{.}"><xsl:value-of select="($names(.), .)[1]"/></option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>
</xsl:stylesheet>
