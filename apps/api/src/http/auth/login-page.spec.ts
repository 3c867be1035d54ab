import { loginPage, safeNextPath } from './login-page';

describe('login page', () => {
  it('only redirects to paths of this site after signing in', () => {
    expect(safeNextPath('/admin/queues')).toBe('/admin/queues');
    expect(safeNextPath('//evil.example/x')).toBe('/console');
    expect(safeNextPath('/\\evil.example')).toBe('/console');
    expect(safeNextPath('https://evil.example')).toBe('/console');
    expect(safeNextPath(undefined)).toBe('/console');
  });

  it('escapes what it echoes and carries no script', () => {
    const page = loginPage('/x"><script>alert(1)</script>', 'bad <key>');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('bad &#60;key&#62;');
  });
});
