<?xml version="1.0" encoding="UTF-8"?>
<!-- This edition's own pieces of the site, put into every page through the hooks of
     tei-encoder's xslt/shell.xsl: hook-head, hook-header, hook-footer, hook-document-top and
     hook-document-bottom. Each *.xsl of theme/xslt/ is imported after the shipped modules, so a
     template here replaces the shipped one of the same name (or the same match). Edit freely:
     the build reads this folder (the option "xslt theme/xslt"). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- inside the footer of every page, after the shipped text; $root leads to the site's top -->
  <xsl:template name="hook-footer">
    <p class="edition-credits">Edited with tei-encoder. <a href="{$root}index.html">All documents</a>.</p>
  </xsl:template>

  <!-- on each document page, after its notes: an empty example to fill in
  <xsl:template name="hook-document-bottom">
    <p class="edition-colophon">Transcription checked against the source by the editors.</p>
  </xsl:template>
  -->
</xsl:stylesheet>
