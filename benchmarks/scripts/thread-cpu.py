#!/usr/bin/env python3
# CPU time and context switches per operation, by thread group, of one JMH benchmark run in this
# process's child JVM (-f 0): after a 6 s warm-up iteration, /proc/<pid>/task/*/{stat,status} are read
# 1 s into the 16 s measured iteration and 12 s later; the differences are divided by the operations
# of those 12 s (the iteration's ops/s x 12 s). Thread names are grouped with digits replaced by N
# (Linux keeps 15 characters of a name). See benchmarks/README.md, "Speed against the floor".
# usage: benchmarks/scripts/thread-cpu.py benchmarks/target/benchmarks.jar UplinkClientBenchmark.inFlight64 -bm thrpt
import subprocess,sys,time,re,os,collections
jar,b=sys.argv[1],sys.argv[2]
p=subprocess.Popen(['java','-jar',jar,b,'-f','0','-wi','1','-w','6s','-i','1','-r','16s']+sys.argv[3:],stdout=subprocess.PIPE,stderr=subprocess.STDOUT,text=True)
def snap():
    r=collections.defaultdict(lambda:[0,0,0])
    for t in os.listdir('/proc/%d/task'%p.pid):
        try:
            comm=open('/proc/%d/task/%s/comm'%(p.pid,t)).read().strip()
            st=open('/proc/%d/task/%s/stat'%(p.pid,t)).read().rsplit(')',1)[1].split()
            cs=sum(int(l.split()[1]) for l in open('/proc/%d/task/%s/status'%(p.pid,t)) if 'ctxt_switches' in l)
        except OSError: continue
        k=re.sub(r'\d+','N',comm); r[(k,t)]=[int(st[11]),int(st[12]),cs]
    return r
out=[]
s1=s2=None
for line in p.stdout:
    out.append(line)
    if line.startswith('# Warmup Iteration'):
        time.sleep(1); s1=snap(); t1=time.time(); time.sleep(12); s2=snap(); t2=time.time()
p.wait()
ops=None
for l in out:
    m=re.match(r'Iteration\s+1:\s+([\d.]+)\s+(\S+)',l)
    if m: ops=float(m.group(1)); unit=m.group(2)
print(''.join(l for l in out if 'Iteration' in l).strip())
agg=collections.defaultdict(lambda:[0,0,0])
for k,v in s2.items():
    a=s1.get(k,[0,0,0]); g=agg[k[0]]
    for i in range(3): g[i]+=v[i]-a[i]
dt=t2-t1; tot=[sum(g[i] for g in agg.values()) for i in range(3)]
n=ops*dt if unit=='ops/s' else None
print('window %.1fs ops/s %s  calls %s'%(dt,ops,n))
for k,g in sorted(agg.items(),key=lambda x:-(x[1][0]+x[1][1])):
    if g[0]+g[1]+g[2]==0: continue
    per=' us/call %6.1f cs/call %5.2f'%((g[0]+g[1])*1e4/n,g[2]/n) if n else ''
    print('%-18s user %5d sys %5d cs %7d%s'%(k,g[0],g[1],g[2],per))
print('TOTAL user %d sys %d cs %d'%tuple(tot)+(' us/call %.1f cs/call %.2f'%((tot[0]+tot[1])*1e4/n,tot[2]/n) if n else ''))
