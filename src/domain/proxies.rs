//! Which peers may say who the client is: the reverse proxies a deployment names. Only a
//! request that reaches the app from one of them has its `X-Forwarded-For` believed; any
//! other request is known by its own address, so a client that reaches the app directly
//! cannot choose its rate-limit bucket by sending the header.

use std::net::IpAddr;

/// Addresses and networks (`203.0.113.7`, `10.0.0.0/8`, `::1`) of trusted proxies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Trust nobody: every client is its connection's own address.
    pub fn none() -> Self {
        TrustedProxies(Vec::new())
    }

    /// A proxy on the same machine (the usual Caddy or nginx in front).
    pub fn loopback() -> Self {
        TrustedProxies(vec![
            (IpAddr::from([127, 0, 0, 0]), 8),
            (IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]), 128),
        ])
    }

    /// A comma-separated list of addresses and networks; blank entries are ignored.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut nets = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (address, prefix) = match entry.split_once('/') {
                Some((address, prefix)) => (address, Some(prefix)),
                None => (entry, None),
            };
            let address: IpAddr = address
                .parse()
                .map_err(|_| format!("{entry:?} is not an IP address or network"))?;
            let longest = if address.is_ipv4() { 32 } else { 128 };
            let prefix = match prefix {
                None => longest,
                Some(p) => p
                    .parse::<u8>()
                    .ok()
                    .filter(|p| *p <= longest)
                    .ok_or_else(|| format!("{entry:?} has a prefix length out of range"))?,
            };
            nets.push((address, prefix));
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `peer` is one of the trusted proxies.
    pub fn contains(&self, peer: IpAddr) -> bool {
        let peer = canonical(peer);
        self.0
            .iter()
            .any(|(net, prefix)| within(peer, *net, *prefix))
    }

    /// The client's address for a connection from `peer` carrying these
    /// `X-Forwarded-For` entries (left to right, as received). From a trusted proxy, the
    /// rightmost entry that is not itself a trusted proxy (each proxy appends the address
    /// it saw; anything to the left of the first untrusted one is what the client wrote);
    /// from anyone else, `peer` itself.
    pub fn client<'a>(
        &self,
        peer: Option<IpAddr>,
        forwarded: impl DoubleEndedIterator<Item = &'a str>,
    ) -> Option<IpAddr> {
        let peer = peer.map(canonical)?;
        if !self.contains(peer) {
            return Some(peer);
        }
        let mut client = peer;
        for entry in forwarded.rev().map(str::trim).filter(|e| !e.is_empty()) {
            let Some(address) = parse_forwarded(entry) else {
                // Garbage where an address should be: stop at the last address we trust.
                break;
            };
            client = address;
            if !self.contains(address) {
                break;
            }
        }
        Some(client)
    }
}

/// An `X-Forwarded-For` entry: an address, perhaps with a port (`192.0.2.1:4711`,
/// `[2001:db8::1]:4711`).
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    if let Ok(address) = entry.parse::<IpAddr>() {
        return Some(canonical(address));
    }
    if let Ok(socket) = entry.parse::<std::net::SocketAddr>() {
        return Some(canonical(socket.ip()));
    }
    None
}

/// IPv4 seen through an IPv6 socket (`::ffff:127.0.0.1`) is the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

fn within(address: IpAddr, net: IpAddr, prefix: u8) -> bool {
    match (address, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_are_parsed_and_matched() {
        let trusted = TrustedProxies::parse(" 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,").unwrap();
        assert!(trusted.contains(ip("10.200.3.4")));
        assert!(!trusted.contains(ip("11.0.0.1")));
        assert!(trusted.contains(ip("192.0.2.7")));
        assert!(!trusted.contains(ip("192.0.2.8")));
        assert!(trusted.contains(ip("2001:db8:1::5")));
        assert!(trusted.contains(ip("::ffff:10.1.1.1")));
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.example").is_err());
        assert!(TrustedProxies::parse("0.0.0.0/0")
            .unwrap()
            .contains(ip("8.8.8.8")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }

    #[test]
    fn a_client_that_reaches_the_app_directly_cannot_choose_its_address() {
        let trusted = TrustedProxies::loopback();
        let header = ["203.0.113.9"];
        assert_eq!(
            trusted.client(Some(ip("198.51.100.4")), header.into_iter()),
            Some(ip("198.51.100.4"))
        );
        assert_eq!(
            TrustedProxies::none().client(Some(ip("127.0.0.1")), header.into_iter()),
            Some(ip("127.0.0.1"))
        );
    }

    #[test]
    fn behind_proxies_the_rightmost_untrusted_entry_is_the_client() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let peer = Some(ip("127.0.0.1"));
        // The client wrote the first entry itself; the edge proxy appended the real one.
        let chain = ["6.6.6.6", "203.0.113.9", "10.1.2.3"];
        assert_eq!(
            trusted.client(peer, chain.into_iter()),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(
            trusted.client(peer, ["203.0.113.9:4711"].into_iter()),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(
            trusted.client(peer, ["[2001:db8::9]:443"].into_iter()),
            Some(ip("2001:db8::9"))
        );
        // No header, or garbage: the proxy itself.
        assert_eq!(trusted.client(peer, [].into_iter()), Some(ip("127.0.0.1")));
        assert_eq!(
            trusted.client(peer, ["not an address"].into_iter()),
            Some(ip("127.0.0.1"))
        );
    }
}
