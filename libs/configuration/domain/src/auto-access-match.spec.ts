import { AutoAccess } from './auto-access';
import { firstMatchingAutoAccess } from './auto-access-match';

const rule = (id: string, conditions: AutoAccess['conditions'], groups = [1]): AutoAccess => ({ id, access: { groups }, conditions });

describe('auto access rules evaluated against the customer', () => {
  it('takes the first rule in list order whose URL condition matches, as a substring unless exact', () => {
    const rules = [
      rule('exact', { url: { values: [{ value: 'https://shop.example/cart', exact_match: true }] } }, [2]),
      rule('pricing', { url: { values: [{ value: '/pricing' }] } }, [3]),
      rule('any-shop', { url: { values: [{ value: 'shop.example' }] } }, [4]),
    ];
    expect(firstMatchingAutoAccess(rules, { url: 'https://shop.example/cart' })?.id).toBe('exact');
    expect(firstMatchingAutoAccess(rules, { url: 'https://shop.example/cart?x=1' })?.id).toBe('any-shop');
    expect(firstMatchingAutoAccess(rules, { url: 'https://shop.example/pricing/eu' })?.id).toBe('pricing');
    expect(firstMatchingAutoAccess(rules, { url: 'https://blog.example/' })).toBeUndefined();
  });

  it('compares domains with the page host, and exclude_values matches pages on none of them', () => {
    const rules = [rule('not-blog', { domain: { exclude_values: [{ value: 'blog.example', exact_match: true }] } })];
    expect(firstMatchingAutoAccess(rules, { url: 'https://blog.example/post' })).toBeUndefined();
    expect(firstMatchingAutoAccess(rules, { url: 'https://shop.example/blog.example' })?.id).toBe('not-blog');
    expect(firstMatchingAutoAccess(rules, { url: 'not a url' })).toBeUndefined();
  });

  it('needs every condition it gives, and a location only matches a customer whose location is known', () => {
    const rules = [rule('pl-shop', { domain: { values: [{ value: 'shop' }] }, geolocation: { values: [{ country_code: 'PL' }, { city: 'Berlin' }] } })];
    expect(firstMatchingAutoAccess(rules, { url: 'https://shop.example/' })).toBeUndefined();
    expect(firstMatchingAutoAccess(rules, { url: 'https://shop.example/', geolocation: { country_code: 'pl', city: 'Warsaw' } })?.id).toBe('pl-shop');
    expect(firstMatchingAutoAccess(rules, { url: 'https://shop.example/', geolocation: { country_code: 'DE', city: 'Berlin' } })?.id).toBe('pl-shop');
    expect(firstMatchingAutoAccess(rules, { url: 'https://other.example/', geolocation: { country_code: 'PL' } })).toBeUndefined();
  });
});
