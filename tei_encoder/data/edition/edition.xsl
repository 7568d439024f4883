<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition's own templates: the build's xslt option (site/xslt) imports every *.xsl of that
     folder after the shipped stylesheets, so a template here wins. The shipped hooks (empty named
     templates: hook-head, hook-header, hook-footer, hook-document-top, hook-document-bottom) are
     the places meant for it; a strings.json beside this file changes the site's words.
     An example to change or delete: -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="hook-footer">
    <p class="edition-note">An edition made with tei-encoder.</p>
  </xsl:template>
</xsl:stylesheet>
