/** The filter form over the method list; hidden until the page's script makes it work. */
export function Filters({ total }: { total: number }) {
  return (
    <form id="method-filters" class="filters" role="search" aria-label="Filter the methods" hidden>
      <div class="field search">
        <label for="filter-text">Search methods</label>
        <input id="filter-text" name="text" type="search" placeholder="e.g. send_event, transfer, webhook" autocomplete="off" />
      </div>
      <div class="field">
        <label for="filter-api">API</label>
        <select id="filter-api" name="api">
          <option value="all">All APIs</option>
          <option value="agent">Agent Chat API</option>
          <option value="customer">Customer Chat API</option>
          <option value="configuration">Configuration API</option>
          <option value="extension">Switchboard extensions</option>
        </select>
      </div>
      <div class="field">
        <label for="filter-transport">Transport</label>
        <select id="filter-transport" name="transport">
          <option value="all">Web or RTM</option>
          <option value="web">Web API</option>
          <option value="rtm">RTM API</option>
        </select>
      </div>
      <p id="method-count" class="count" role="status" aria-live="polite">{`Showing all ${total} methods.`}</p>
    </form>
  );
}
