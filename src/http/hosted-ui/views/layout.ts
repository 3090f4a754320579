// The page frame shared by every hosted-UI page. Cognito's customizable class names (background-, banner-,
// logo-customizable, …) sit on the elements they style, so Get/SetUICustomization CSS applies as in Cognito.
export const LAYOUT = `<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{title}}</title>
{{#stylesheets}}<link rel="stylesheet" href="{{href}}">
{{/stylesheets}}{{#scripts}}<script src="{{src}}" defer></script>
{{/scripts}}</head>
<body class="background-customizable">
<div class="page">
<main class="card" id="main" data-page="{{page}}">
{{#brand.visible}}<header class="banner banner-customizable">
{{#brand.logoUrl}}<img class="logo logo-customizable" src="{{brand.logoUrl}}" alt="{{brand.logoAlt}}">
{{/brand.logoUrl}}{{#brand.name}}<p class="brand-name">{{brand.name}}</p>
{{/brand.name}}</header>
{{/brand.visible}}
<div class="content">
{{> content}}
</div>
</main>
<nav class="languages" aria-label="{{languageLabel}}">
<ul>
{{#languages}}<li>{{#current}}<span aria-current="true" lang="{{code}}">{{name}}</span>{{/current}}{{^current}}<a href="{{href}}" lang="{{code}}" hreflang="{{code}}">{{name}}</a>{{/current}}</li>
{{/languages}}</ul>
</nav>
</div>
</body>
</html>
`;
