package kernel

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/security/null"
)

// The sockets are built on go-zeromq/zmq4's ZMTP connection (zmq4.Open over
// our own listeners) rather than its socket types: requests are answered on
// the very connection they came on (ROUTER semantics for one-peer-per-
// connection DEALER clients), and iopub is our own fan-out with a bounded
// queue per subscriber, because zmq4's PUB lets one subscriber that stops
// reading stall the output of every client.

// peer is one accepted ZMTP connection.
type peer struct {
	zc   *zmq4.Conn
	nc   net.Conn
	wmu  sync.Mutex
	id   string // the peer's ZMTP Identity property ("" if none)
	once sync.Once
}

func (p *peer) close() { p.once.Do(func() { p.nc.Close() }) }

// send writes one multipart message to the peer.
func (p *peer) send(frames [][]byte) error {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	return p.zc.SendMsg(zmq4.NewMsgFrom(frames...))
}

// inbound is a message received on a socket, with the connection to reply on.
type inbound struct {
	p      *peer
	frames [][]byte
}

// endpoint formats the ZeroMQ address of a port (for logs).
func endpoint(transport, ip string, port int) string {
	if transport == "ipc" {
		return "ipc://" + ip + "-" + strconv.Itoa(port)
	}
	return fmt.Sprintf("%s://%s:%d", transport, ip, port)
}

func listen(transport, ip string, port int) (net.Listener, error) {
	switch transport {
	case "", "tcp":
		if ip == "*" {
			ip = ""
		}
		return net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(port)))
	case "ipc":
		path := ip + "-" + strconv.Itoa(port)
		os.Remove(path)
		return net.Listen("unix", path)
	}
	return nil, fmt.Errorf("unsupported transport %q", transport)
}

// socket accepts ZMTP connections of one socket type.
type socket struct {
	name  string
	typ   zmq4.SocketType
	ln    net.Listener
	logf  func(format string, args ...any)
	mu    sync.Mutex
	peers map[*peer]bool
	done  chan struct{}
	// onMsg is called (on the connection's reader goroutine) for each
	// message received; nil drops them (iopub subscriptions).
	onMsg func(inbound)
	// onPeer is called once a connection completed its handshake; the
	// returned function (if any) is called when it is gone.
	onPeer func(p *peer) func()
}

func newSocket(name string, typ zmq4.SocketType, ln net.Listener, logf func(string, ...any)) *socket {
	return &socket{name: name, typ: typ, ln: ln, logf: logf, peers: map[*peer]bool{}, done: make(chan struct{})}
}

func (s *socket) serve() {
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			select {
			case <-s.done:
				return
			default:
			}
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				continue
			}
			s.logf("%s: accept: %v", s.name, err)
			return
		}
		go s.handle(nc)
	}
}

func (s *socket) handle(nc net.Conn) {
	nc.SetDeadline(time.Now().Add(30 * time.Second))
	zc, err := zmq4.Open(nc, null.Security(), s.typ, zmq4.SocketIdentity(""), true, nil)
	if err != nil {
		if !errors.Is(err, io.EOF) { // not a mere probe of the port
			s.logf("%s: handshake: %v", s.name, err)
		}
		nc.Close()
		return
	}
	nc.SetDeadline(time.Time{})
	p := &peer{zc: zc, nc: nc, id: zc.Peer.Meta["Identity"]}
	s.mu.Lock()
	select {
	case <-s.done:
		s.mu.Unlock()
		nc.Close()
		return
	default:
	}
	s.peers[p] = true
	s.mu.Unlock()
	var gone func()
	if s.onPeer != nil {
		gone = s.onPeer(p)
	}
	defer func() {
		s.mu.Lock()
		delete(s.peers, p)
		s.mu.Unlock()
		p.close()
		if gone != nil {
			gone()
		}
	}()
	for {
		msg, err := zc.RecvMsg()
		if err != nil {
			return
		}
		if msg.Type == zmq4.CmdMsg || s.onMsg == nil {
			continue
		}
		s.onMsg(inbound{p: p, frames: msg.Frames})
	}
}

// byIdentity returns a connected peer with the given identity, or the most
// recent one when none has it.
func (s *socket) byIdentity(id string) *peer {
	s.mu.Lock()
	defer s.mu.Unlock()
	var any *peer
	for p := range s.peers {
		if id != "" && p.id == id {
			return p
		}
		any = p
	}
	return any
}

func (s *socket) close() {
	s.mu.Lock()
	select {
	case <-s.done:
	default:
		close(s.done)
	}
	for p := range s.peers {
		p.close()
	}
	s.mu.Unlock()
	s.ln.Close()
}

// publisher fans iopub messages out to every subscriber through a bounded
// queue each: a subscriber whose queue is full loses messages (it alone).
type publisher struct {
	sock    *socket
	mu      sync.Mutex
	subs    map[*peer]chan [][]byte
	limit   int
	dropped map[*peer]int
	pending atomic.Int64 // messages queued or being written
}

func newPublisher(sock *socket, limit int) *publisher {
	pub := &publisher{sock: sock, subs: map[*peer]chan [][]byte{}, limit: limit, dropped: map[*peer]int{}}
	sock.onPeer = func(p *peer) func() {
		q := make(chan [][]byte, limit)
		pub.mu.Lock()
		pub.subs[p] = q
		pub.mu.Unlock()
		go func() {
			for frames := range q {
				if err := p.send(frames); err != nil {
					pub.pending.Add(-1)
					p.close()
					for range q { // drain until removed
						pub.pending.Add(-1)
					}
					return
				}
				pub.pending.Add(-1)
			}
		}()
		return func() {
			pub.mu.Lock()
			if _, ok := pub.subs[p]; ok {
				delete(pub.subs, p)
				close(q)
			}
			if n := pub.dropped[p]; n > 0 {
				pub.sock.logf("iopub: a subscriber that stopped reading lost %d messages", n)
				delete(pub.dropped, p)
			}
			pub.mu.Unlock()
		}
	}
	return pub
}

// publish queues frames for every subscriber without blocking.
func (pub *publisher) publish(frames [][]byte) {
	pub.mu.Lock()
	defer pub.mu.Unlock()
	for p, q := range pub.subs {
		pub.pending.Add(1)
		select {
		case q <- frames:
		default:
			pub.pending.Add(-1)
			if pub.dropped[p] == 0 {
				pub.sock.logf("iopub: a subscriber is not reading; dropping its messages while its queue is full")
			}
			pub.dropped[p]++
		}
	}
}

// subscribers is the number of connected iopub subscribers.
func (pub *publisher) subscribers() int {
	pub.mu.Lock()
	defer pub.mu.Unlock()
	return len(pub.subs)
}

// drain waits (up to timeout) until every queued message has been written.
func (pub *publisher) drain(timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for pub.pending.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}
