// Type-checked in npm test (scripts/check-typings.mjs): a React 19 app uses the elements with the
// generated JSX typings and no wrapper — attributes, the authorizationParams property, event props.
import type {} from 'auth0-elements/react';
import type { Auth0ReadyDetail, Auth0ResponseDetail } from 'auth0-elements';

export function App({ onMessages }: { onMessages: (data: unknown) => void }) {
  return (
    <auth0-provider
      domain="tenant.eu.auth0.com"
      client-id="abc"
      audience="https://api.example.com"
      use-refresh-tokens
      authorizationParams={{ scope: 'openid profile read:messages' }}
      onauth0-ready={(event: CustomEvent<Auth0ReadyDetail>) => console.log(event.detail.status)}
    >
      <auth0-login-button mode="popup">Log in</auth0-login-button>
      <auth0-fetch src="https://api.example.com/messages" trigger="click"
        onauth0-response={(event: CustomEvent<Auth0ResponseDetail>) => onMessages(event.detail.data)} />
      <auth0-login-button
        // @ts-expect-error: the typings know the element's modes (redirect | popup)
        mode="sideways"
      />
      {/* @ts-expect-error: and only the kit's elements */}
      <auth0-no-such-element />
    </auth0-provider>
  );
}
