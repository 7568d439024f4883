<?xml version="1.0" encoding="UTF-8"?>
<!-- An edition's own pieces, put into every page through the hooks of xslt/shell.xsl. Publish
     with the option "xslt docs/edition-example/xslt": each *.xsl of that folder is imported
     after the shipped modules, so these named templates replace the empty shipped ones. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- inside the site header, before the edition's title -->
  <xsl:template name="hook-header">
    <p class="edition-banner">An example edition: replace this banner with your project's name.</p>
  </xsl:template>

  <!-- inside the footer, after the shipped text; $root leads back to the site's top -->
  <xsl:template name="hook-footer">
    <p class="edition-credits">Edited by the example project. <a href="{$root}index.html">All documents</a>.</p>
  </xsl:template>

  <!-- on each document page, after its notes -->
  <xsl:template name="hook-document-bottom">
    <p class="edition-colophon">Transcription checked against the source by the editors.</p>
  </xsl:template>
</xsl:stylesheet>
