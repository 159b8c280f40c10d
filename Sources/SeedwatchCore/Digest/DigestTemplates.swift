/// The digest's Mustache templates (https://mustache.github.io/mustache.5.html): one
/// self-contained HTML page with an inline SVG timeline and no script, and plain text. In the
/// HTML template every `{{value}}` is HTML-escaped by the renderer; the text template declares
/// `CONTENT_TYPE: TEXT`, so nothing is escaped there.
enum DigestTemplates {
    static let html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>seedwatch digest {{period}}</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
        h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
        .alert{color:#b00020;font-weight:bold}.notice{color:#8a6d00}.meta{color:#666;font-size:.9rem}
        blockquote{margin:.3rem 0 1rem 1rem;padding-left:.8rem;border-left:3px solid #ccc;color:#444}
        svg text{font-size:11px;fill:#444}
        </style></head><body>
        <h1>seedwatch digest</h1>
        <p class="meta">{{period}} · {{counts}}</p>
        <h2>Timeline</h2>
        <svg xmlns="http://www.w3.org/2000/svg" id="timeline" role="img" width="{{chart.width}}" height="{{chart.height}}" viewBox="0 0 {{chart.width}} {{chart.height}}">
        <title>Alerts per day and per core actor (most {{chart.maximum}})</title>
        <line x1="0" y1="{{chart.baseline}}" x2="{{chart.width}}" y2="{{chart.baseline}}" stroke="#999"/>
        {{#chart.bars}}<rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" fill="{{colour}}"><title>{{label}}</title></rect>
        {{/chart.bars}}{{#chart.days}}<text x="{{x}}" y="{{y}}" text-anchor="middle">{{text}}</text>
        {{/chart.days}}</svg>
        <p class="meta">{{#chart.legend}}<span style="color:{{colour}}">■</span> {{name}} {{/chart.legend}}</p>
        <h2>Top stories</h2>
        <ol>{{#top}}<li>{{> item}}</li>{{/top}}</ol>
        {{#topics}}<h2>{{name}} ({{count}})</h2>
        <ul>{{#items}}<li>{{> item}}</li>{{/items}}</ul>
        {{/topics}}{{^topics}}<p>No alerts in this period.</p>{{/topics}}
        </body></html>

        """

    static let item = """
        <span class="{{level}}">{{levelText}}</span> {{score}} {{#link}}<a href="{{link}}">{{title}}</a>{{/link}}{{^link}}{{title}}{{/link}}\
        <div class="meta">watch {{watch}} · {{#published}}published {{published}} · {{/published}}{{source}}</div>\
        {{#evidence}}<blockquote>{{evidence}}</blockquote>{{/evidence}}\
        {{#sources}}<div class="meta story">{{sources}}</div>{{/sources}}\
        {{#updates}}<div class="meta update">update: {{time}} <span class="{{level}}">{{levelText}}</span> \
        {{#link}}<a href="{{link}}">{{title}}</a>{{/link}}{{^link}}{{title}}{{/link}}</div>{{/updates}}
        """

    static let text = """
        {{% CONTENT_TYPE: TEXT}}seedwatch digest {{period}}: {{counts}}

        Alerts per day ({{#timelineNames}}{{.}}; {{/timelineNames}}counts in that order):
        {{#timelineRows}}  {{.}}
        {{/timelineRows}}

        Top stories:
        {{#top}}  {{levelText}} {{score}}  {{title}}  [{{watch}}]
        {{/top}}{{#topics}}
        {{name}} ({{count}})
        {{#items}}  {{levelText}} {{score}}  {{title}}
            watch {{watch}}{{#published}} · published {{published}}{{/published}}
        {{#source}}    {{source}}
        {{/source}}{{#evidence}}    “{{evidence}}”
        {{/evidence}}{{#sources}}    {{sources}}
        {{/sources}}{{#updates}}    update: {{time}} {{levelText}} {{title}}
        {{/updates}}{{/items}}{{/topics}}{{^topics}}
        No alerts in this period.
        {{/topics}}
        """
}
