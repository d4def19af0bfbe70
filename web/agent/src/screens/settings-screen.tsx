/** Settings: the chat widget for the organization's website — its id, the embed snippet and the demo page. */
import { useAgent } from '../context';
import { CopyField } from '../components/copy-field';

export function SettingsScreen() {
  const { license, me } = useAgent();
  const organizationId = license.organization_id;
  const snippet = `<script src="${location.origin}/widget/embed.js" data-organization-id="${organizationId}" async></script>`;
  const demo = `/demo/?organization_id=${encodeURIComponent(organizationId)}`;
  return (
    <div class="page-screen">
      <h2>Settings</h2>
      <section class="card" aria-labelledby="widget-title">
        <h3 id="widget-title">Chat widget</h3>
        <p>Put this snippet into every page of your website, just before &lt;/body&gt;: visitors get a chat button that reaches your team here.</p>
        <CopyField id="organization-id" label="Organization id" value={organizationId} />
        <CopyField id="embed-snippet" label="Embed snippet" value={snippet} multiline />
        <p>
          <a href={demo} target="_blank" rel="noopener">
            Try the widget on the demo page
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="profile-title">
        <h3 id="profile-title">You</h3>
        <dl class="facts">
          <div>
            <dt>Name</dt>
            <dd>{me.name}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{me.id}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{me.permission}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
