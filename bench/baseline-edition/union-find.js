/** Disjoint sets over 0..size-1 with path halving and union by size: the transitive closure of pairs. */
export class UnionFind {
    parent;
    size;
    constructor(count) {
        this.parent = Array.from({ length: count }, (_, i) => i);
        this.size = new Array(count).fill(1);
    }
    find(item) {
        let node = item;
        while (this.parent[node] !== node) {
            const grandparent = this.parent[this.parent[node]];
            this.parent[node] = grandparent;
            node = grandparent;
        }
        return node;
    }
    union(a, b) {
        let rootA = this.find(a);
        let rootB = this.find(b);
        if (rootA === rootB)
            return;
        if (this.size[rootA] < this.size[rootB])
            [rootA, rootB] = [rootB, rootA];
        this.parent[rootB] = rootA;
        this.size[rootA] = this.size[rootA] + this.size[rootB];
    }
}
//# sourceMappingURL=union-find.js.map