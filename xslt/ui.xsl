<?xml version="1.0" encoding="UTF-8"?>
<!-- The site's words, as data: tei_encoder/data/ui-strings.json, merged with an edition's
     strings.json, arrives as the JSON text of the parameter ui-strings. f:ui(key) looks a word
     up; f:ui(key, map) fills in its {placeholders}. A missing key shows as itself. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:tei-encoder:functions"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:param name="ui-strings" as="xs:string" select="'{}'"/>
  <!-- The strings as a map. tei_encoder/publish.py passes it parsed once per process (parsing the
       JSON for every page cost about a millisecond a page); given only the JSON text, it is parsed here. -->
  <xsl:param name="ui" as="map(*)" select="parse-json($ui-strings)"/>

  <xsl:function name="f:ui" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="let $v := $ui($key) return if ($v instance of xs:string) then $v else $key"/>
  </xsl:function>

  <xsl:function name="f:ui" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item())"/>
    <xsl:sequence select="f:fill(f:ui($key), $values)"/>
  </xsl:function>

  <!-- $text with each {name} that $values names filled in, in one pass from left to right: a
       value filled in is never read for placeholders itself (it may be a document's text). Other
       braces stay as they are. (Split at each brace with substring functions: the pages fill in a
       dozen strings, and a regular expression — a replace() per placeholder, or tokenize() at the
       braces — cost several times more per string.) -->
  <xsl:function name="f:fill" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item())"/>
    <xsl:sequence select="if (not(contains($text, '{'))) then $text
      else substring-before($text, '{') || f:fill-after-brace(substring-after($text, '{'), $values)"/>
  </xsl:function>

  <!-- f:fill for the text after a brace, $rest: the piece up to the next brace is a {name} that
       $values fills in (with what follows its closing brace), else the brace and the piece as they are. -->
  <xsl:function name="f:fill-after-brace" as="xs:string">
    <xsl:param name="rest" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item())"/>
    <xsl:variable name="more" select="contains($rest, '{')"/>
    <xsl:variable name="piece" select="if ($more) then substring-before($rest, '{') else $rest"/>
    <xsl:variable name="name" select="substring-before($piece, '}')"/>
    <xsl:sequence select="(if (contains($piece, '}') and map:contains($values, $name)) then string($values($name)) || substring-after($piece, '}')
                           else '{' || $piece)
                          || (if ($more) then f:fill-after-brace(substring-after($rest, '{'), $values) else '')"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- The form of a counted phrase for the number $n: f:count('docs', 3) is "3 documents". The
       phrase's forms are KEY-one, KEY-other and the CLDR plural categories a translation adds
       (KEY-zero, -two, -few, -many); $n takes the category of the strings' language (the list
       plural-categories, made from lang by tei_encoder/plurals.py, covers 0 … 199; a larger number
       takes the category of 100 + $n mod 100), and KEY-other stands in for a category not given. -->
  <xsl:function name="f:count" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="f:count($key, $n, map{'n': $n})"/>
  </xsl:function>

  <!-- f:count with more placeholders than {n} filled in ($values; $n picks the form). -->
  <xsl:function name="f:count" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="values" as="map(xs:string, item())"/>
    <xsl:sequence select="f:fill(f:ui(f:plural-key($key, $n)), $values)"/>
  </xsl:function>

  <!-- The key of $key's form for $n (see f:count): KEY-category when the strings have it, else KEY-other. -->
  <xsl:function name="f:plural-key" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="table" select="$ui('plural-categories')"/>
    <xsl:variable name="at" select="if ($n lt 200) then abs($n) else 100 + $n mod 100"/>
    <xsl:variable name="category" select="if ($table instance of array(*) and $at lt array:size($table)) then string($table($at + 1))
      else if ($n = 1) then 'one' else 'other'" xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
    <xsl:sequence select="if ($ui($key || '-' || $category) instance of xs:string) then $key || '-' || $category else $key || '-other'"/>
  </xsl:function>

  <!-- Every form of the counted phrase $key the strings give, as a JSON object (category: string),
       for a script that counts in the page (edition.js picks the form with Intl.PluralRules). -->
  <xsl:function name="f:plural-forms" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="serialize(map:merge(('zero', 'one', 'two', 'few', 'many', 'other')[$ui($key || '-' || .) instance of xs:string] ! map{.: $ui($key || '-' || .)}), map{'method': 'json'})"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- A document's date value (tei_encoder/sitemap.py DATE_SPAN): a date, FROM/TO (a span, @from/@to)
       or NOTBEFORE..NOTAFTER (@notBefore/@notAfter), either bound of these two possibly missing, in
       the edition's one reading style: each date as f:date-one shows it, the span and the bounds in
       the words of date-range, date-from, date-to, date-between, date-not-before, date-not-after. -->
  <xsl:function name="f:date-label" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="mark" select="if (contains($value, '/')) then '/' else if (contains($value, '..')) then '..' else ''"/>
    <xsl:choose>
      <xsl:when test="$mark = ''"><xsl:sequence select="f:date-one($value)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="from" select="substring-before($value, $mark)"/>
        <xsl:variable name="to" select="substring-after($value, $mark)"/>
        <xsl:variable name="key" select="(if ($mark = '/') then ('date-range', 'date-from', 'date-to') else ('date-between', 'date-not-before', 'date-not-after'))[if ($from and $to) then 1 else if ($from) then 2 else 3]"/>
        <!-- a span of days within one year says its year once, and within one month its month once
             ("3–9 October 1962", "30 September – 2 October 1962": date-range-days, date-range-months) -->
        <xsl:variable name="one-year" select="$mark = '/' and string-length($from) = 10 and string-length($to) = 10
            and substring($from, 1, 4) = substring($to, 1, 4) and $from lt $to and count($f:months) = 12
            and f:w3c-date($from) and f:w3c-date($to)"/>
        <xsl:choose>
          <xsl:when test="$one-year">
            <xsl:variable name="year" select="if (starts-with($from, '0')) then string(xs:integer(substring($from, 1, 4))) else substring($from, 1, 4)"/>
            <xsl:variable name="days" select="xs:integer(substring($from, 9, 2)), xs:integer(substring($to, 9, 2))"/>
            <xsl:variable name="months" select="$f:months[xs:integer(substring($from, 6, 2))], $f:months[xs:integer(substring($to, 6, 2))]"/>
            <xsl:sequence select="if (substring($from, 6, 2) = substring($to, 6, 2))
                then f:ui('date-range-days', map{'from': $days[1], 'to': $days[2], 'month': $months[1], 'year': $year})
                else f:ui('date-range-months', map{'from': f:ui('date-day-month', map{'day': $days[1], 'month': $months[1]}),
                                                   'to': f:ui('date-day-month', map{'day': $days[2], 'month': $months[2]}), 'year': $year})"/>
          </xsl:when>
          <xsl:otherwise><xsl:sequence select="f:ui($key, map{'from': f:date-one($from), 'to': f:date-one($to)})"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A date value as the page shows it: one date in <time> (its machine-readable value), a span or
       bounds (which <time> cannot hold) as text. -->
  <xsl:function name="f:date-html" as="node()">
    <xsl:param name="value" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="contains($value, '/') or contains($value, '..')"><span class="date-range"><xsl:value-of select="f:date-label($value)"/></span></xsl:when>
      <xsl:when test="f:w3c-date($value)"><time datetime="{$value}"><xsl:value-of select="f:date-one($value)"/></time></xsl:when>
      <xsl:otherwise><span><xsl:value-of select="f:date-one($value)"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Whether @when is a date HTML's datetime takes: YYYY, YYYY-MM or YYYY-MM-DD with a month
       01-12 and a day that month has in that year. Told without a regular expression (a page has a dozen dates, and one
       costs several times more) unless the value has a character beyond ASCII: a digit of another
       script is a digit (\d) to the expression. -->
  <xsl:function name="f:w3c-date" as="xs:boolean">
    <xsl:param name="when" as="xs:string?"/>
    <!-- YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits with a month 01-12 and a real day: what an HTML
         time element's datetime takes (a value in another script's digits, or with a month 13, is
         shown as it is written, never read) -->
    <!-- a day is one that month has, in that year (no 30 February, 29 February only in a leap
         year): xs:date's own calendar tells; year 0000 is no year HTML takes -->
    <xsl:sequence select="
      translate($when, '123456789', '000000000') = ('0000', '0000-00', '0000-00-00')
        and not(starts-with($when, '0000'))
        and (if (string-length($when) = 10) then $when castable as xs:date
             else string-length($when) = 4 or substring($when, 6, 2) = ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'))"/>
  </xsl:function>

  <!-- A date before the common era (-YYYY[-MM[-DD]], XML Schema 1.0's years as TEI's schema reads
       them: -0044 is 44 BCE) in the reading style of f:date-one, its year in the words of date-bce;
       another value as it is written (tei_encoder/sitemap.py takes only real dates). -->
  <xsl:function name="f:date-bce" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:param name="months" as="item()*"/>
    <xsl:variable name="parts" select="tokenize(substring($iso, 2), '-')"/>
    <xsl:variable name="ok" select="matches($iso, '^-\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$') and count($months) = 12"/>
    <xsl:variable name="year" select="if ($ok) then f:ui('date-bce', map{'year': xs:integer($parts[1])}) else ''"/>
    <xsl:sequence select="
      if (not($ok)) then $iso
      else if (count($parts) = 3) then f:ui('date-day', map{'day': xs:integer($parts[3]), 'month': $months[xs:integer($parts[2])], 'year': $year})
      else if (count($parts) = 2) then f:ui('date-month', map{'month': $months[xs:integer($parts[2])], 'year': $year})
      else $year"/>
  </xsl:function>

  <!-- A date value's year as a number, for sorting (before the common era negative, -0100 before
       -0044); 9999 when undated (undated last). -->
  <xsl:function name="f:date-year" as="xs:integer">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="year" select="replace(f:date-start($value), '^(-?\d{4}).*$', '$1')"/>
    <xsl:sequence select="if ($year castable as xs:integer) then xs:integer($year) else 9999"/>
  </xsl:function>

  <!-- What a date value is sorted by: its start, else its end (sitemap.date_start); '9999' when empty (undated last). -->
  <xsl:function name="f:date-start" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="start" select="if (contains($value, '/')) then substring-before($value, '/') else if (contains($value, '..')) then substring-before($value, '..') else $value"/>
    <xsl:variable name="end" select="if (contains($value, '/')) then substring-after($value, '/') else substring-after($value, '..')"/>
    <xsl:sequence select="($start[. != ''], $end[. != ''], '9999')[1]"/>
  </xsl:function>

  <!-- A date value as ISO 8601 for schema.org (sitemap.iso_interval): the date, or FROM/TO when both
       bounds are known; '' when one is open or a date is none the calendar has. -->
  <xsl:function name="f:iso-interval" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="mark" select="if (contains($value, '/')) then '/' else if (contains($value, '..')) then '..' else ''"/>
    <xsl:variable name="real" select="every $d in tokenize($value, '/|\.\.')[.] satisfies (f:w3c-date($d) or matches($d, '^-\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$'))"/>
    <xsl:sequence select="if (not($real)) then ''
                          else if ($mark = '') then string($value)
                          else if (substring-before($value, $mark) and substring-after($value, $mark)) then substring-before($value, $mark) || '/' || substring-after($value, $mark)
                          else ''"/>
  </xsl:function>

  <!-- An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in the edition's one reading style; other
       values are shown as they are. -->
  <xsl:variable name="f:months" as="item()*" select="array:flatten($ui('months'))" xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  <xsl:function name="f:date-one" as="xs:string">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:variable name="months" select="$f:months"/>
    <!-- YYYY-MM or YYYY-MM-DD (the length tells them apart) as f:w3c-date reads them; any other value
         (a year, another script's digits, a month 13) is shown as it is written -->
    <xsl:variable name="day-or-month" select="count($months) = 12 and string-length($iso) = (7, 10) and f:w3c-date($iso)"/>
    <!-- a year of the first millennium as readers write it (44, not the schema's 0044) -->
    <xsl:variable name="year" select="if (starts-with($iso, '0') and f:w3c-date($iso)) then string(xs:integer(substring($iso, 1, 4))) else substring($iso, 1, 4)"/>
    <xsl:sequence select="
      if (starts-with($iso, '-')) then f:date-bce($iso, $months)
      else if ($day-or-month and string-length($iso) = 10) then
        f:ui('date-day', map{'day': xs:integer(substring($iso, 9, 2)), 'month': $months[xs:integer(substring($iso, 6, 2))], 'year': $year})
      else if ($day-or-month) then
        f:ui('date-month', map{'month': $months[xs:integer(substring($iso, 6, 2))], 'year': $year})
      else if (string-length($iso) = 4 and starts-with($iso, '0')) then $year
      else string($iso)"/>
  </xsl:function>

  <!-- Typewriter dashes as a reader expects them, in the rendering only (the TEI keeps its double hyphen):
       between two capitalised words or figures an en dash ("Cuba–US", "1961–62"), elsewhere an
       em dash ("said—and"). Longer runs of hyphens (rules) stay as they are. A double hyphen that
       is no dash stays too: inside a URL-like token (one with "://" or "www."), an e-mail-like one
       (a letter or digit on either side of "@", as in an address), and at the start of a lower-case
       word it is joined to (a command-line option; before a capital, as a typewritten line may
       begin a sentence, it is a dash). Code-like elements (f:verbatim) keep theirs: the text of an
       element goes through f:shown-text, the text of a page through xslt/reading.xsl, and a string
       made of several elements' text (a summary) through f:dashes($text, $kept), all with this rule. -->
  <xsl:function name="f:dashes" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (not(contains($text, '--'))) then $text else
      string-join(analyze-string($text, '\S*(://|www\.)\S*|\S*[\p{L}\d]@[\p{L}\d]\S*|(^|\s)-{2,}[a-z\d]\S*')/*
        ! (if (self::fn:match) then string(.) else f:set-dashes(string(.))))"/>
  </xsl:function>

  <!-- Whether a text node is code-like, its double hyphens no dashes: in code, an identifier, an
       idno, an e-mail address, an example, a tag, attribute or value name, a pointer, or a ref that
       shows its own target. tei_encoder/teidoc.py VERBATIM names the same elements. -->
  <xsl:function name="f:verbatim" as="xs:boolean">
    <xsl:param name="t" as="node()"/>
    <xsl:sequence select="exists($t/ancestor::*[self::tei:code or self::tei:ident or self::tei:idno or self::tei:email
                            or self::tei:eg or self::tei:gi or self::tei:att or self::tei:val or self::tei:tag
                            or self::tei:ptr or self::tei:ref[normalize-space(.) = normalize-space(@target)]])"/>
  </xsl:function>

  <!-- The text of TEI nodes as one string, whitespace normalised, its dashes set as on the page:
       code-like text (f:verbatim) as written, the rest by f:dashes with the words around it.
       For header text shown flat (the citation box). -->
  <xsl:function name="f:shown-text" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="if (not(some $n in $nodes satisfies contains($n, '--'))) then f:normal($nodes) else
      f:normal(string-join($nodes/descendant-or-self::text() ! (
        if (not(contains(., '--')) or f:verbatim(.)) then string(.)
        else f:dashes(string(preceding-sibling::node()[1]), string(.), string(following-sibling::node()[1])))))"/>
  </xsl:function>

  <!-- f:dashes on a string holding, somewhere, the text of code-like elements ($kept: their
       whitespace-normalised text, tei_encoder/teidoc.py summary_verbatim), which stays as written. -->
  <xsl:function name="f:dashes" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="kept" as="xs:string*"/>
    <xsl:sequence select="if (empty($kept[.]) or not(contains($text, '--'))) then f:dashes($text) else
      string-join(analyze-string($text, string-join($kept[.] ! replace(., '[\\.\^\$\|\?\*\+\(\)\[\]\{\}-]', '\\$0'), '|'))/*
        ! (if (self::fn:match) then string(.) else f:dashes(string(preceding-sibling::*[1]), string(.), string(following-sibling::*[1]))))"/>
  </xsl:function>

  <!-- The dash rules of f:dashes on text with no URL or option in it. -->
  <xsl:function name="f:set-dashes" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (not(contains($text, '--'))) then $text else
      let $en := replace($text, '(\p{Lu}[\p{L}.]*|\d)--(\p{Lu}|\d)', '$1&#x2013;$2'),
          $em := function($t) { replace($t, '(^|[^-])--([^-]|$)', '$1&#x2014;$2') }
      return $em($em($en))"/>
  </xsl:function>

  <!-- f:dashes for a piece of text that runs on from $left and into $right (text around it shown
       apart: a text node beside an element, a keyword in its context): the words on either side
       decide each dash as they would in the whole ("Cuba" and a double hyphen and "US" make "Cuba–US", not "Cuba—US"). -->
  <xsl:function name="f:dashes" as="xs:string">
    <xsl:param name="left" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="right" as="xs:string"/>
    <!-- the neighbours are looked at only when there is a dash to set (most text has none) -->
    <xsl:sequence select="if (not(contains($text, '--'))) then $text else
      let $before := string(analyze-string($left, '[\p{L}\d.]+$')/fn:match[1]),
          $after := string(analyze-string($right, '^[\p{L}\d]+')/fn:match[1]),
          $set := f:dashes($before || $text || $after)
      return substring($set, string-length($before) + 1, string-length($set) - string-length($before) - string-length($after))"/>
  </xsl:function>
</xsl:stylesheet>
