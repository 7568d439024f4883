<?xml version="1.0" encoding="UTF-8"?>
<!-- The document's header as readers need it: metadata panel, summary, citation, JSON-LD. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:pub="urn:tei-encoder:publish"
    exclude-result-prefixes="#all">

  <!-- The document's title, chosen by tei_encoder/sitemap.py (the main title, else the first). -->
  <xsl:param name="doc-title" as="xs:string?" select="()"/>
  <xsl:variable name="header" select="/*/tei:teiHeader"/>
  <xsl:variable name="titles" select="$header/tei:fileDesc/tei:titleStmt/tei:title"/>
  <xsl:variable name="title" select="($doc-title, f:normal(($titles[@type = 'main'], $titles)[1]))[1]"/>
  <xsl:variable name="source-url" select="string($header/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'URL'][1])"/>
  <!-- The document's date, chosen by tei_encoder/sitemap.py (document_date) as the index's:
       a date value (a date, a span or bounds, see f:date-label) and the text as printed. -->
  <xsl:param name="doc-date" as="xs:string" select="''"/>
  <xsl:param name="doc-date-text" as="xs:string" select="''"/>

  <xsl:template name="doc-header">
    <header class="doc-header">
      <h1 dir="auto">
        <!-- the title's language and direction (its own, or the header's or the document's; else
             its own first letters: dir="auto", as every value of the header shown below) -->
        <xsl:call-template name="f:inherited-lang"><xsl:with-param name="e" select="(($titles[@type = 'main'], $titles)[1], /*)[1]"/></xsl:call-template>
        <xsl:value-of select="f:dashes($title)"/>
      </h1>
      <!-- The date in the edition's reading style, from its ISO value (the record's wording may
           differ from document to document); the text when there is no ISO date. -->
      <xsl:choose>
        <xsl:when test="$doc-date"><p class="doc-date"><xsl:sequence select="f:date-html($doc-date)"/></p></xsl:when>
        <xsl:when test="$doc-date-text"><p class="doc-date"><xsl:value-of select="$doc-date-text"/></p></xsl:when>
      </xsl:choose>
    </header>
  </xsl:template>

  <!-- What a reader needs before the text, also on a phone: archive, reference, source (the date
       is in the document's header, under its title). The source is every part of the sourceDesc
       that is not a manuscript description (TEI P5 2.2.7: a bibl, biblStruct, biblFull, listBibl,
       prose p, recordingStmt …), each shown whole (data-tei-region="sourceDesc": its words are
       looked for there, tei_encoder/publish.py missing_header_text), then the web address. Nothing
       at all (no section) when the header has none of these. -->
  <xsl:template name="metadata-essentials">
    <xsl:variable name="ms" select="$header//tei:msDesc"/>
    <xsl:variable name="sources" select="$header/tei:fileDesc/tei:sourceDesc/*[not(self::tei:msDesc)][normalize-space()]"/>
    <xsl:if test="$ms//(tei:repository | tei:msIdentifier//tei:idno | tei:msIdentifier/tei:msName)[normalize-space()] or $source-url or $sources">
    <section class="metadata essentials" aria-labelledby="essentials-heading">
      <h2 id="essentials-heading"><xsl:value-of select="f:ui('doc-essentials')"/></h2>
      <dl>
        <!-- Several manuscripts (several msDesc, or parts with identifiers of their own, TEI P5
             10.4): each identifier on a line of its own, its repository, place and shelfmark
             together, so that no shelfmark is read as another archive's. -->
        <!-- A manuscript known by its name alone (msName, TEI P5 10.4) is one of them: never left out. -->
        <xsl:variable name="identifiers" select="$ms//tei:msIdentifier[(tei:repository | tei:settlement | tei:idno | tei:msName)[normalize-space()]]"/>
        <xsl:variable name="several" select="count($identifiers) gt 1"/>
        <xsl:if test="$several or $ms//tei:repository[normalize-space()]">
          <dt><xsl:value-of select="f:ui('archive')"/></dt>
          <xsl:choose>
            <xsl:when test="$several">
              <xsl:for-each select="$identifiers">
                <xsl:variable name="where" select="string-join((tei:repository, tei:settlement, tei:country, tei:region, tei:institution) ! f:normal(.)[.], ', ')"/>
                <xsl:variable name="shelfmark" select="string-join(f:shelfmark(.), ', ')"/>
                <xsl:variable name="kept" select="string-join(($where, $shelfmark)[.], ': ')"/>
                <xsl:variable name="names" select="string-join(tei:msName ! f:normal(.)[.], ', ')"/>
                <dd dir="auto"><xsl:value-of select="if ($names and $kept) then $names || ' (' || $kept || ')' else $names || $kept"/></dd>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <dd dir="auto">
                <xsl:value-of select="string-join(($ms//tei:repository, $ms//tei:settlement, $ms//tei:country) ! f:normal(.)[.], ', ')"/>
              </dd>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <!-- The reference is the shelfmark's idno parts (not an altIdentifier, not an empty idno)
             and the folios of the one item the document is; a locus elsewhere (a hand, one of
             several items) describes the manuscript, not where the document is kept. Of several
             manuscripts, each shelfmark is on its archive's line above. -->
        <xsl:variable name="reference" as="xs:string*">
          <xsl:sequence select="if ($several) then () else $ms/tei:msIdentifier/tei:msName ! f:normal(.)[.]"/>
          <xsl:sequence select="if ($several) then () else $ms/tei:msIdentifier ! f:shelfmark(.)"/>
          <xsl:sequence select="$ms/tei:msContents[count(tei:msItem) = 1]/tei:msItem/tei:locus ! f:normal(.)[.]"/>
        </xsl:variable>
        <xsl:if test="exists($reference)">
          <dt><xsl:value-of select="f:ui('reference')"/></dt>
          <dd dir="auto"><xsl:value-of select="string-join($reference, ', ')"/></dd>
        </xsl:if>
        <xsl:if test="$source-url or $sources">
          <dt><xsl:value-of select="f:ui('source')"/></dt>
        </xsl:if>
        <xsl:for-each select="$sources">
          <dd dir="auto" data-tei-region="sourceDesc"><xsl:value-of select="f:source-text(.)"/></dd>
        </xsl:for-each>
        <xsl:if test="$source-url">
          <dd dir="auto">
            <xsl:value-of select="string-join($header/tei:fileDesc/tei:publicationStmt/tei:publisher ! f:normal(.), ', ')"/>
            <xsl:text>: </xsl:text>
            <xsl:choose>
              <xsl:when test="f:is-safe-url($source-url)"><a href="{$source-url}" rel="external"><xsl:value-of select="$source-url"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$source-url"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:if>
      </dl>
    </section>
    </xsl:if>
  </xsl:template>

  <!-- The shelfmark of a manuscript identifier: its idno parts (not an altIdentifier's, not an
       empty idno), a level of the archive's scheme (fond, opis, dosar …) with its name. -->
  <xsl:function name="f:shelfmark" as="xs:string*">
    <xsl:param name="identifier" as="element(tei:msIdentifier)"/>
    <xsl:for-each select="$identifier//tei:idno[not(tei:idno)][not(ancestor::tei:altIdentifier)][normalize-space()]">
      <xsl:sequence select="(if (parent::tei:idno[@type = 'archival']) then @type || ' ' else '') || f:normal(.)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A part of the sourceDesc as one line: an element with text of its own (a bibl, a p) as
       written (f:shown-text); one made of elements alone (a biblStruct, a listBibl) its parts in
       order, separated by commas (the entries of a list by semicolons). -->
  <xsl:function name="f:source-text" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/text()[normalize-space()] or not($e/*)) then f:shown-text($e)
                          else string-join($e/*[normalize-space()] ! f:source-text(.), if ($e/self::tei:listBibl) then '; ' else ', ')"/>
  </xsl:function>

  <!-- The rest of the header: author, collection, responsibilities, languages, funder. -->
  <xsl:template name="metadata-panel">
    <xsl:variable name="ms" select="$header//tei:msDesc"/>
    <xsl:variable name="rows">
        <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:author">
          <dt><xsl:value-of select="f:ui('author')"/></dt>
          <dd dir="auto">
            <xsl:choose>
              <xsl:when test="(.//@pub:href)[1]">
                <a href="{$root}{(.//@pub:href)[1]}"><xsl:value-of select="f:normal(.)"/></a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="f:normal(.)"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:for-each>
        <xsl:if test="$ms//tei:collection">
          <dt><xsl:value-of select="f:ui('collection')"/></dt><dd dir="auto"><xsl:value-of select="f:normal($ms//tei:collection)"/></dd>
        </xsl:if>
        <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:respStmt[not(@xml:id = 'encoder')]">
          <!-- tei-encoder's own wording in the site's language (tei_encoder/sitemap.py mark_own_header) -->
          <dt><xsl:value-of select="(tei:resp/@pub:label, f:normal(tei:resp))[1]"/></dt>
          <dd dir="auto"><xsl:value-of select="string-join((tei:persName, tei:name) ! f:normal(.), ', ')"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:profileDesc/tei:langUsage/tei:language">
          <dt><xsl:value-of select="f:ui(if (contains(., 'original')) then 'language-original' else 'language-text')"/></dt>
          <dd dir="auto"><xsl:value-of select="(@pub:language, substring-before(f:normal(.) || ' (', ' ('))[1]"/></dd>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:funder">
          <dt><xsl:value-of select="f:ui('funder')"/></dt><dd dir="auto"><xsl:value-of select="f:normal(.)"/></dd>
        </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exists($rows/dt)">
      <section class="metadata" aria-labelledby="metadata-heading">
        <h2 id="metadata-heading"><xsl:value-of select="f:ui('doc-about')"/></h2>
        <!-- One term, several values (HTML dl): eleven languages are one "Language" with eleven dd. -->
        <dl>
          <xsl:for-each-group select="$rows/dt" group-by="string(.)">
            <xsl:sequence select="current-group()[1], current-group() ! following-sibling::dd[1]"/>
          </xsl:for-each-group>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="summary">
    <xsl:if test="$header/tei:profileDesc/tei:abstract">
      <section class="summary" aria-labelledby="summary-heading" data-tei-region="abstract">
        <h2 id="summary-heading"><xsl:value-of select="f:ui('summary')"/></h2>
        <!-- the abstract's words in its language and direction (declared on it or above it) -->
        <div class="summary-text">
          <xsl:call-template name="f:inherited-lang"><xsl:with-param name="e" select="$header/tei:profileDesc/tei:abstract[1]"/></xsl:call-template>
          <xsl:apply-templates select="$header/tei:profileDesc/tei:abstract/tei:p"/>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- How to cite this document of the edition: its title, date, publisher and address. The
       printed source's bibl is the source's (shown as such in the essentials box), not this one.
       Its words and marks are the UI strings citation-*: the title between quotation marks, any
       quotation marks in it turned to the other level (never “A “B” C”); the date in the site's
       one style from the document's ISO date, as under the title (f:date-html), else as written. -->
  <xsl:template name="cite-box">
    <xsl:param name="tei-href" as="xs:string"/>
    <section class="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading"><xsl:value-of select="f:ui('cite-heading')"/></h2>
      <p class="citation" dir="auto">
        <!-- a quotation in the title, between double marks of any language (“…”, „…“, «…», "…"),
             looked for only in a title that has one (the expression costs more than the tests) -->
        <xsl:variable name="shown-title" select="f:dashes($title)"/>
        <xsl:variable name="inner" select="if (contains($shown-title, '&quot;') or contains($shown-title, '&#x201C;') or contains($shown-title, '&#x201E;')
                                               or contains($shown-title, '&#x201F;') or contains($shown-title, '&#xAB;'))
            then replace($shown-title, '[&#x201C;&#x201E;&#x201F;&#xAB;&quot;]([^&#x201C;&#x201D;&#x201E;&#x201F;&#xAB;&#xBB;&quot;]*)[&#x201D;&#x201C;&#xBB;&quot;]',
                         f:ui('citation-inner-quote-open') || '$1' || f:ui('citation-inner-quote-close'))
            else $shown-title"/>
        <xsl:variable name="date" select="if (not($doc-date)) then $doc-date-text
            else if (contains($doc-date, '/') or contains($doc-date, '..')) then f:date-label($doc-date) else f:date-one($doc-date)"/>
        <xsl:value-of select="string-join((f:ui('citation-quote-open') || $inner || f:ui('citation-quote-close'), $date,
            $header/tei:fileDesc/tei:publicationStmt/tei:publisher ! f:normal(.), $source-url)[.], f:ui('citation-separator'))"/>
      </p>
      <p class="tei-link"><a href="{$tei-href}" download=""><xsl:value-of select="f:ui('tei-download')"/></a><xsl:text> </xsl:text><xsl:value-of select="f:ui('tei-download-note')"/></p>
    </section>
  </xsl:template>

  <!-- The JSON-LD below as tei_encoder/teidoc.py json_ld makes it (the same text, made faster
       there): given by tei_encoder/publish.py for the document when the edition overrides no
       module (which might change how it is made), f:json-ld returns it as it is. -->
  <xsl:param name="doc-json-ld" as="xs:string?" select="()"/>

  <!-- schema.org description for search engines and citation managers -->
  <xsl:function name="f:json-ld" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if (exists($doc-json-ld) and $tei is root($tei)/*) then $doc-json-ld else f:make-json-ld($tei)"/>
  </xsl:function>

  <xsl:function name="f:make-json-ld" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="h" select="$tei/tei:teiHeader"/>
    <xsl:variable name="mentions" as="map(*)*">
      <xsl:for-each select="$tei/tei:standOff//(tei:person | tei:place | tei:org)">
        <xsl:variable name="same-as" select="tei:idno ! f:authority-url(string(@type), string(.))"/>
        <xsl:sequence select="map:merge((
          map{'@type': map{'person': 'Person', 'place': 'Place', 'org': 'Organization'}(local-name()),
              'name': f:normal((tei:persName, tei:placeName, tei:orgName)[@type = 'preferred'][1])},
          if (exists($same-as)) then map{'sameAs': array{ $same-as }} else ()))" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="data" select="map:merge((
        map{'@context': 'https://schema.org', '@type': 'ArchiveComponent', 'name': $title},
        f:iso-interval($doc-date)[.] ! map{'dateCreated': .},
        $h//tei:profileDesc/tei:abstract ! map{'abstract': f:surface-text(.)},
        $h//tei:publicationStmt/tei:idno[@type='URL'][f:is-safe-url(string(.))] ! map{'url': string(.)},
        $h//tei:langUsage/tei:language[not(contains(., 'original'))][1] ! map{'inLanguage': string(@ident)},
        $h//tei:respStmt[tei:resp = 'Translation'] ! map{'translator': array{ tei:persName ! map{'@type': 'Person', 'name': f:normal(.)} }},
        $h//tei:titleStmt/tei:author ! map{'author': map{'@type': 'Person', 'name': f:normal(.)}},
        $h//tei:msDesc//tei:repository ! map{'holdingArchive': map{'@type': 'ArchiveOrganization', 'name': f:normal(.)}},
        $h//tei:funder ! map{'funder': map{'@type': 'Organization', 'name': f:normal(.)}},
        map{'mentions': array{ $mentions }}
      ), map{'duplicates': 'use-first'})" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:sequence select="f:script-json($data)"/>
  </xsl:function>
</xsl:stylesheet>
