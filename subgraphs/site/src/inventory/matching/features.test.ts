import { codesIn, words } from './features';

const codes = (text: string) => codesIn(words(text)).sort();

describe('model codes in free text', () => {
  it('joins a code with the short prefix written apart from it', () => {
    expect(codes('Sony Turntable - PS LX350H')).toEqual(['LX350H', 'PSLX350H']);
    expect(codes('Canon EOS 40D Digital SLR')).toEqual(['40D', 'EOS40D']);
  });

  it('keeps a size as a code of its own but joins nothing to it, nor to a longer word', () => {
    // 'NETGEAR PROSAFE 24', '24PORT SMART', 'HARMONY 890': shared by instruments of one range or one size.
    expect(codes('Netgear ProSafe 24-Port Smart Switch - GS724TP')).toEqual(['GS724TP']);
    expect(codes('Logitech Harmony 890 Advanced Universal Remote')).toEqual([]);
    expect(codes('Spectromètre RMN 400 MHz')).toEqual(['400MHZ']);
  });
});
