"""Re-encode the PNG figures stored in notebooks at about 100 dpi: halve those wider than 900 px (the 2x 'retina'
renders), cap the width at 800 px (the page's column), and store them as 8-bit palette PNGs. The figure stays the output of the run that drew it, at a resolution
fit for a web page; notebooks stay small. Usage: python scripts/shrink_figures.py nbs/*.ipynb"""
import base64, io, json, sys
from PIL import Image

def shrink(b64:str) -> str:
    im = Image.open(io.BytesIO(base64.b64decode(b64))).convert('RGB')
    if im.width > 900: im = im.resize((im.width//2, im.height//2), Image.LANCZOS)
    if im.width > 800: im = im.resize((800, round(im.height*800/im.width)), Image.LANCZOS)   # the page's column
    out = io.BytesIO(); im.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, 'PNG', optimize=True)
    return base64.b64encode(out.getvalue()).decode()

for path in sys.argv[1:]:
    nb, before = json.load(open(path)), 0
    for c in nb['cells']:
        for o in c.get('outputs', []):
            d = o.get('data', {})
            if 'image/png' in d:
                old = d['image/png'] if isinstance(d['image/png'], str) else ''.join(d['image/png'])
                new = shrink(old)
                if len(new) < len(old): d['image/png'] = new
                for k in ('metadata',):
                    md = o.get(k, {}).get('image/png')
                    if isinstance(md, dict): md.pop('width', None); md.pop('height', None)
    text = json.dumps(nb, indent=1, ensure_ascii=False) + '\n'
    print(f"{path}: {len(open(path).read())//1024} KB -> {len(text.encode())//1024} KB")
    open(path, 'w').write(text)
